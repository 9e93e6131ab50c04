import { DEFAULT_POLICY, type EffectivePolicy } from '../../utils/policy/defaults';

/**
 * The policy the background audits and enforces with. Until policies can be imported
 * (team file, enterprise-managed values, the user's own settings), it is the design's
 * defaults.
 */
export async function getEffectivePolicy(): Promise<EffectivePolicy> {
  return DEFAULT_POLICY;
}
