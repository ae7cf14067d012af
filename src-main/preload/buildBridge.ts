import { methodNames, type Envelope, type MethodInput, type MethodName } from '../contract';
import { channelFor } from '../electron/bindIpc';

/** What the preload puts on window.ledger: one function per contract method, nothing more. */
export type LedgerBridge = { readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Envelope> };

export type IpcInvoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Each function forwards exactly one argument: the renderer cannot smuggle extra arguments or
 * pick a channel, so the bridge's reach is precisely the contract.
 */
export function buildBridge(invoke: IpcInvoke): LedgerBridge {
  const bridge: Partial<Record<MethodName, (input: unknown) => Promise<Envelope>>> = {};
  for (const method of methodNames) {
    const channel = channelFor(method);
    bridge[method] = (input: unknown) => invoke(channel, input) as Promise<Envelope>;
  }
  return Object.freeze(bridge) as LedgerBridge;
}
