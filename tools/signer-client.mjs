// A dapp's side of the signer RPC, with viem (crates/signer/tests/it/viem.rs runs it):
// eth_requestAccounts, personal_sign (the signature recovered and compared) and a
// send, each waiting for the user's answer in Smart Sonic. One JSON line per step.
// Usage: node tools/signer-client.mjs <signer url> <origin> <recipient>
import { createPublicClient, createWalletClient, defineChain, http, parseEther, recoverMessageAddress } from 'viem';

const [url, origin, to] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const transport = http(url, { fetchOptions: { headers: { Origin: origin } }, timeout: 150_000, retryCount: 0 });

const id = await createPublicClient({ transport }).getChainId();
const chain = defineChain({
  id,
  name: 'signer test',
  nativeCurrency: { name: 'Sonic', symbol: 'S', decimals: 18 },
  rpcUrls: { default: { http: [url] } },
});
const pub = createPublicClient({ chain, transport });
const wallet = createWalletClient({ chain, transport });

const [account] = await wallet.requestAddresses();
say({ step: 'connected', account });

const message = 'Sign in to the signer test';
const signature = await wallet.signMessage({ account, message });
const recovered = await recoverMessageAddress({ message, signature });
if (recovered.toLowerCase() !== account.toLowerCase()) {
  say({ step: 'error', error: `recovered ${recovered}, expected ${account}` });
  process.exit(2);
}
say({ step: 'signed', signature, recovered });

const hash = await wallet.sendTransaction({ account, to, value: parseEther('0.5') });
const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 200 });
say({ step: 'sent', hash, status: receipt.status });
