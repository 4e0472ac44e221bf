import { query } from 'chdb';
for (const q of process.argv.slice(2)) { console.log('### ' + q); try { console.log(query('EXPLAIN AST ' + q, 'TSVRaw')); } catch (e) { console.log('ERR', e.message.slice(0,200)); } }
