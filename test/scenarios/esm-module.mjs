// An ES module that keeps five `Rec`s in a module-level `keep` array (and exports a getter).
//
// Ask: --type Rec   keep → Rec ×5; the module's scope is drawn green and not walked through.
import v8 from 'node:v8';
class Rec {
  constructor(i) {
    this.i = i;
  }
}
const keep = [];
for (let i = 0; i < 5; i++) keep.push(new Rec(i));
export const get = () => keep;
v8.writeHeapSnapshot(process.argv[2]);
