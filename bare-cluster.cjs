const cluster = require('node:cluster');
if (cluster.isPrimary) { cluster.fork(); } else {
const f=require('fastify')();let n=0;f.server.on('connection',()=>n++);setInterval(()=>console.log('acc',n),1000);f.post('/api/vouchers/claims',async(r)=>({ok:true,kindId:r.body.kindId}));f.listen({port:Number(process.env.P),host:'127.0.0.1',backlog:4096});
}
