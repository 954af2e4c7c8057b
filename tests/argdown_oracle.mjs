// Test oracle for graph/argdown_parse.py: what the reference Argdown parser counts.
//
//   node tests/argdown_oracle.mjs [--mode loose|strict] FILE...
//
// Prints one JSON object per file, one per line:
//   {"file": F, "statements": N, "arguments": N, "relations": {TYPE: N, ...},
//    "pcs": N, "members": N, "errors": N}
// statements: equivalence classes (untitled ones included); arguments: the
// model's arguments; relations: the model's relation objects by relationType,
// after its own derivations; pcs: reconstructed arguments; members: statement
// occurrences that define a text (references excluded); errors: lexer and
// parser errors (a file with errors has no reliable counts).  Without
// --mode the front matter decides (model: {mode: strict}), else loose.
//
// Needs Node 20 and @argdown/core 1.7.5 in ARGDOWN_ORACLE_DIR (default
// /tmp/argdown-oracle):
//   mkdir -p /tmp/argdown-oracle && cd /tmp/argdown-oracle && npm install @argdown/core@1.7.5
// A test oracle only: the project never needs it at run time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const dir = process.env.ARGDOWN_ORACLE_DIR || "/tmp/argdown-oracle";
const core = createRequire(join(dir, "package.json"))("@argdown/core");

const args = process.argv.slice(2);
let mode = null;
if (args[0] === "--mode") {
  mode = args[1];
  args.splice(0, 2);
}

const print = console.log;
for (const file of args) {
  const app = new core.ArgdownApplication();
  app.addPlugin(new core.ParserPlugin(), "parse-input");
  app.addPlugin(new core.DataPlugin(), "build-model");
  app.addPlugin(new core.ModelPlugin(), "build-model");
  const request = { input: readFileSync(file, "utf8"), process: ["parse-input", "build-model"], logLevel: "error" };
  if (mode) request.model = { mode };
  let result = null;
  console.log = () => {}; // the application logs plugin failures; the counts below say enough
  console.error = () => {};
  try {
    result = app.run(request);
  } catch (e) {
    result = null;
  }
  console.log = print;
  if (!result || !result.statements) {
    print(JSON.stringify({ file, errors: -1 }));
    continue;
  }
  const relations = {};
  for (const r of result.relations || []) {
    relations[r.relationType] = (relations[r.relationType] || 0) + 1;
  }
  const statements = Object.values(result.statements);
  const argumentList = Object.values(result.arguments || {});
  let members = 0;
  for (const ec of statements) members += ec.members.filter((m) => !m.isReference).length;
  print(JSON.stringify({
    file,
    statements: statements.length,
    arguments: argumentList.length,
    relations,
    pcs: argumentList.filter((a) => a.pcs && a.pcs.length > 0).length,
    members,
    errors: (result.parserErrors || []).length + (result.lexerErrors || []).length,
  }));
}
