/** The PC's password and PIN hashes: the format head office's user management shares (sync protocol). */
export { hashSecret, verifySecret } from '../sync/protocol/credentialHash';
