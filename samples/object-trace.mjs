// The seed's ObjectTrace example in JavaScript: a class Test, a module-level array seq, a
// function that pushes a new Test into it; the growth around the call, then the back-reference
// graph of the Test instance.
import { traceObjects } from 'backrefs';

class Test {}
const seq = [];

function func() {
  const o = new Test();
  seq.push(o);
}

traceObjects(func, { limit: 8, backrefs: 'Test', backrefsFile: 'object_backref.dot' });
