// cdk-nag over a repository of CloudFormation templates, one process: each template is
// included into a stack of its own app through CfnInclude, AwsSolutionsChecks is added
// as the app's validation plugin, and the app is synthesized (a template whose checks
// fail makes synth throw with cdk-nag's report). Usage: node cdk-nag-check.js PATH...
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { App, Stack, Validations } = require('aws-cdk-lib');
const { CfnInclude } = require('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = require('cdk-nag');
const { filesUnder } = require('./walk');

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-bench-'));
let failed = 0;
let errors = 0;
const files = filesUnder(process.argv.slice(2), ['.yaml', '.yml', '.json', '.template']);
files.forEach((file, i) => {
  const app = new App({ outdir: path.join(outdir, String(i)) });
  const stack = new Stack(app, 'Stack');
  try {
    new CfnInclude(stack, 'Template', { templateFile: file });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    app.synth();
  } catch (e) {
    failed += 1;
    if (!/Validation failed|AwsSolutions-/.test(String(e && e.message))) {
      errors += 1;
      if (errors <= 3) console.error(`${file}: ${String(e && e.message).split('\n')[0]}`);
    }
  }
  fs.rmSync(path.join(outdir, String(i)), { recursive: true, force: true });
});
fs.rmSync(outdir, { recursive: true, force: true });
console.log(`${files.length} templates, ${failed} with findings or errors, ${errors} not loaded`);
