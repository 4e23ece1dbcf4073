// HashiCorp's HCL parser (@cdktf/hcl2json, HCL's Go parser built to WebAssembly) over
// every .tf file of a repository, one process: the Terraform reference parse.
// Usage: node hcl2json-parse.js PATH...
'use strict';
const fs = require('fs');
const { parse } = require('@cdktf/hcl2json');
const { filesUnder } = require('./walk');

async function main() {
  const files = filesUnder(process.argv.slice(2), ['.tf']);
  let bytes = 0;
  let failed = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    bytes += text.length;
    try {
      await parse(file, text);
    } catch (e) {
      failed += 1;
      if (failed <= 3) console.error(`${file}: ${String(e && e.message).split('\n')[0]}`);
    }
  }
  console.log(`${files.length} files, ${bytes} bytes, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
main();
