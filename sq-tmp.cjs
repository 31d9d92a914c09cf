const D=require('better-sqlite3');const {randomUUID}=require('crypto');const fs=require('fs');
const variants={
 base:{uniq:'event_id TEXT NOT NULL UNIQUE,', idx:'', batch:32, sync:'FULL'},
 noEventIdx:{uniq:'event_id TEXT NOT NULL,', idx:'', batch:32, sync:'FULL'},
 batch64:{uniq:'event_id TEXT NOT NULL UNIQUE,', idx:'', batch:64, sync:'FULL'},
 off:{uniq:'event_id TEXT NOT NULL UNIQUE,', idx:'', batch:32, sync:'OFF'},
 mem:{uniq:'event_id TEXT NOT NULL UNIQUE,', idx:'', batch:32, sync:'OFF', mem:true},
};
for (const [name,v] of Object.entries(variants)) {
fs.rmSync('/tmp/sq',{recursive:true,force:true});fs.mkdirSync('/tmp/sq');
const db=new D(v.mem?':memory:':'/tmp/sq/e.db');db.pragma('journal_mode=WAL');db.pragma('synchronous='+v.sync);db.pragma('wal_autocheckpoint=20000');db.pragma('cache_size=-32768');
db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, ${v.uniq} stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, correlation_id TEXT NOT NULL, causation_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision)) STRICT`);
const ins=db.prepare('INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)');
const head=db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1').raw(true);
const rev=new Map();const data=JSON.stringify({caseId:'x'.repeat(10),serviceRequestId:'svc-1',subjectRef:'subj-1',kind:'PSYCHOSOCIAL',providerUnitId:'dinsos-nunukan',dueBy:'2026-03-08T08:00:00.000Z'});
const h='a'.repeat(64);
const ids=Array.from({length:200000},()=>randomUUID());
const tx=db.transaction((n0)=>{for(let i=0;i<v.batch;i++){const s='case-'+((n0+i)*7919%3200);head.get(s);const r=(rev.get(s)??-1)+1;rev.set(s,r);ins.run(ids[n0+i],s,r,'ServiceRequested',1,data,'2026-03-01T08:00:00.000Z',new Date().toISOString(),'{"userId":"officer-17","unitId":"uptd-ppa-nunukan","agencyType":"SERVICE_UNIT"}','corr','cmd',h,h);}});
const t=performance.now();const N=200000;for(let n=0;n<N;n+=v.batch)tx(n);
console.log(name,Math.round(N/((performance.now()-t)/1000)),'rows/s');db.close();}
