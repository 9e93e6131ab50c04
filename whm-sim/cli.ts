// Start the WHM simulator from the command line:
//   npx tsx whm-sim/cli.ts --scenario demo --now 2026-11-28T12:00:00Z --port 2087 \
//       --http --lost-session html --idle-timeout 600 --host-name whm01
// Prints the login URL and the scenario's users, then runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { loadScenario, parseTime } from './scenarios.ts';
import { startSimulator, type LostSessionMode } from './server.ts';

const USAGE = `Usage: tsx whm-sim/cli.ts [--scenario NAME] [--now ISO|UNIX] [--port N] [--http]
       [--lost-session json|html|cpanelresult|invalid-token|access-denied] [--idle-timeout SECONDS] [--host-name NAME]
       [--reserved-names] [--angular 1.4|1.8] [--csp] [--boot-delay MS] [--form-first]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'demo' },
      now: { type: 'string' },
      port: { type: 'string' },
      http: { type: 'boolean', default: false },
      'lost-session': { type: 'string' },
      'idle-timeout': { type: 'string' },
      'host-name': { type: 'string' },
      'reserved-names': { type: 'boolean', default: false },
      angular: { type: 'string' },
      csp: { type: 'boolean', default: false },
      'boot-delay': { type: 'string' },
      'form-first': { type: 'boolean' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const lost = values['lost-session'];
  if (lost !== undefined && !['json', 'html', 'cpanelresult', 'invalid-token', 'access-denied'].includes(lost)) throw new Error(`--lost-session: ${lost}?\n${USAGE}`);
  const angular = values.angular;
  if (angular !== undefined && angular !== '1.4' && angular !== '1.8') throw new Error(`--angular: ${angular}?\n${USAGE}`);
  const bootDelay = values['boot-delay'] !== undefined ? Number(values['boot-delay']) : undefined;
  if (bootDelay !== undefined && !(bootDelay >= 0)) throw new Error(`--boot-delay: ${values['boot-delay']}?\n${USAGE}`);
  const scenarioName = values.scenario ?? 'demo';
  const scenario = loadScenario(scenarioName);
  const sim = await startSimulator({
    scenario,
    now: values.now !== undefined ? parseTime(values.now) : undefined,
    port: values.port !== undefined ? Number(values.port) : undefined,
    http: values.http,
    lostSession: lost as LostSessionMode | undefined,
    idleTimeoutSeconds: values['idle-timeout'] !== undefined ? Number(values['idle-timeout']) : undefined,
    hostName: values['host-name'],
    reservedTokenNames: values['reserved-names'],
    angular,
    csp: values.csp,
    bootDelayMs: bootDelay,
    formFirst: values['form-first'] === true,
  });
  const clock = new Date(sim.now() * 1000).toISOString();
  console.log(`WHM simulator (scenario "${scenarioName}", clock ${clock}${values.now || scenario.now ? ', frozen' : ''})`);
  console.log(`Login: ${sim.loginUrl}`);
  for (const u of scenario.users) console.log(`  user ${u.user}  password ${u.pass}${u.root ? '  (root)' : ''}`);
  console.log(`${sim.state.tokens.length} token(s) seeded. Ctrl-C to stop.`);

  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
