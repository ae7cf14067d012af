import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './buildBridge';
import { buildFileBridge } from './buildFileBridge';

// The renderer gets the contract's methods and nothing else: no ipcRenderer, no channel names.
contextBridge.exposeInMainWorld(
  'ledger',
  buildBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
// And one function outside the contract: save a finished export where the user chooses.
contextBridge.exposeInMainWorld(
  'ledgerFiles',
  buildFileBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
