// The peers' shared part: every file under the given paths whose name ends in one of
// the suffixes, in sorted order (as bench/floor_walk.h does for the floors).
'use strict';
const fs = require('fs');
const path = require('path');

function filesUnder(paths, suffixes) {
  const out = [];
  const visit = (p) => {
    if (fs.statSync(p).isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (suffixes.some((s) => p.endsWith(s))) {
      out.push(p);
    }
  };
  paths.forEach(visit);
  return out.sort();
}

module.exports = { filesUnder };
