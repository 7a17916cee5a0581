// Drives `sonic mcp` with the official MCP TypeScript client over stdio, as an AI
// assistant would: lists the tools, reads balances, proposes a send, tries what no
// tool allows. Prints one JSON object with what it saw, for crates/cli/tests/it/mcp.rs.
//
// Usage: node tools/mcp-check.mjs <sonic binary> <sonic args...> (the args before `mcp`)

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawnSync } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const recipient = process.env.MCP_CHECK_TO;
const env = { ...process.env };
delete env.SONIC_PASSWORD;

const transport = new StdioClientTransport({ command, args: [...args, "mcp"], env, stderr: "inherit" });
const client = new Client({ name: "smart-sonic-mcp-check", version: "1.0.0" });
await client.connect(transport);

const text = (r) => r.content.filter((c) => c.type === "text").map((c) => c.text).join("");
const json = (r) => {
  try {
    return JSON.parse(text(r));
  } catch {
    return text(r);
  }
};
// A call the server refuses may come back as a protocol error or as a tool error.
const attempt = async (name, args) => {
  try {
    const r = await client.callTool({ name, arguments: args });
    return { isError: !!r.isError, text: text(r) };
  } catch (e) {
    return { isError: true, protocolError: true, text: String(e.message ?? e) };
  }
};

const { tools } = await client.listTools();
const balances = json(await client.callTool({ name: "get_balances", arguments: {} }));
const history = json(await client.callTool({ name: "get_history", arguments: { limit: 5 } }));
const proposal = json(
  await client.callTool({ name: "propose_send", arguments: { to: recipient, amount: "2.5", asset: "S" } }),
);
// With MCP_CHECK_STAKE=<validator>: a stake of 100 S proposed to it, and one to a
// validator that does not exist.
const stake = process.env.MCP_CHECK_STAKE
  ? {
      proposal: json(
        await client.callTool({
          name: "propose_stake",
          arguments: { validator: Number(process.env.MCP_CHECK_STAKE), amount: "100" },
        }),
      ),
      unknown: await attempt("propose_stake", { validator: 999, amount: "1" }),
    }
  : null;
// With MCP_CHECK_PRICE set: the price of S.
const price = process.env.MCP_CHECK_PRICE
  ? json(await client.callTool({ name: "get_price", arguments: { assets: ["S"] } }))
  : null;
// While the session is open: what `sonic plans list --json` beside it says (argv as
// a JSON array in MCP_CHECK_LIST).
const listArgv = process.env.MCP_CHECK_LIST ? JSON.parse(process.env.MCP_CHECK_LIST) : null;
const listed = listArgv ? spawnSync(listArgv[0], listArgv.slice(1), { env, encoding: "utf8" }).stdout : null;
const result = {
  listed,
  stake,
  price,
  server: client.getServerVersion(),
  tools: tools.map((t) => ({ name: t.name, description: t.description, input: t.inputSchema })),
  balances,
  history,
  proposal,
  refused: {
    confirm: await attempt("confirm_plan", { id: proposal.plan_id }),
    floatAmount: await attempt("propose_send", { to: recipient, amount: 2.5, asset: "S" }),
    badAddress: await attempt("propose_send", { to: "0x1234", amount: "1", asset: "S" }),
    tooMuch: await attempt("propose_send", { to: recipient, amount: "999999999", asset: "S" }),
  },
};
await client.close();
process.stdout.write(JSON.stringify(result) + "\n");
