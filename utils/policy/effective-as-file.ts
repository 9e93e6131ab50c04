import type { EffectivePolicy } from './defaults';
import type { PolicyFile } from './policy-file';

/**
 * The effective policy written back as a policy file, for export: what is in force
 * here, shareable with a team. Unset values (null) are left out.
 */
export function effectiveAsPolicyFile(policy: EffectivePolicy): PolicyFile {
  const { naming, vault } = policy;
  return {
    version: 1,
    ...(policy.name ? { name: policy.name } : {}),
    enforcement: policy.enforcement,
    naming: {
      ...(naming.pattern ? { pattern: naming.pattern } : {}),
      ...(naming.template ? { template: naming.template } : {}),
      ...(naming.hint ? { hint: naming.hint } : {}),
    },
    expiry: { ...policy.expiry },
    rotation: { ...policy.rotation },
    privileges: { forbidden: [...policy.privileges.forbidden], risky: [...policy.privileges.risky] },
    requireIpAllowlist: policy.requireIpAllowlist,
    clipboardClearSeconds: policy.clipboardClearSeconds,
    presets: policy.presets.map((p) => ({ ...p, acls: [...p.acls] })),
    vault: { ...(vault.address ? { address: vault.address } : {}), mount: vault.mount, pathTemplate: vault.pathTemplate },
  };
}
