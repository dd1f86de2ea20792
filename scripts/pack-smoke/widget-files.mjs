// Runs inside the fresh project: where a careers page's <script src> and the lazy chunks come
// from once the package is installed. Prints `RESULT {json}`.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const candidJs = fileURLToPath(import.meta.resolve('@candid/widget/candid.js'));
const assets = join(dirname(candidJs), 'assets');
const assetFiles = readdirSync(assets, { recursive: true }).map(String).filter((f) => statSync(join(assets, f)).isFile());
console.log(`RESULT ${JSON.stringify({ candidJs, candidJsBytes: statSync(candidJs).size, assetFiles: assetFiles.sort() })}`);
