/**
 * The API reference page — layer: runtime.
 *
 * A small self-contained HTML page that fetches `/api/v1/openapi.json` and renders each
 * operation grouped by tag: method, path, summary, who may call it, parameters, the request body
 * schema and the responses. No external script or stylesheet, so it works offline.
 */

const style = `
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#0f172a;color:#fff;padding:24px 40px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#cbd5e1}
main{max-width:980px;margin:0 auto;padding:24px 40px}h2{margin:32px 0 8px;font-size:18px}
details{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin:8px 0}summary{cursor:pointer;padding:10px 14px;display:flex;gap:12px;align-items:center}
.m{font:600 12px ui-monospace,monospace;padding:2px 8px;border-radius:4px;color:#fff;min-width:52px;text-align:center}
.GET{background:#0969da}.POST{background:#1a7f37}.PUT,.PATCH{background:#9a6700}.DELETE{background:#cf222e}
code,pre{font:13px ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:#f6f8fa;padding:10px;border-radius:6px;overflow:auto;margin:6px 0}
.body{padding:0 14px 12px}.muted{color:#57606a}table{border-collapse:collapse}td{padding:2px 12px 2px 0;vertical-align:top}`;

const script = `
const el=(t,a={},...c)=>{const e=document.createElement(t);Object.assign(e,a);e.append(...c);return e};
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.querySelector('main');const byTag={};
  for(const [path,ops] of Object.entries(doc.paths))for(const [method,op] of Object.entries(ops))(byTag[op.tags[0]]??=[]).push({path,method:method.toUpperCase(),op});
  for(const [tag,list] of Object.entries(byTag)){
    main.append(el('h2',{textContent:tag}));
    for(const {path,method,op} of list){
      const body=el('div',{className:'body'});
      if(op.description)body.append(el('p',{textContent:op.description}));
      body.append(el('p',{className:'muted',textContent:op.security&&op.security.length===0?'No session needed.':'Needs a signed-in session.'}));
      if(op.parameters.length){const t=el('table');for(const p of op.parameters)t.append(el('tr',{},el('td',{},el('code',{textContent:p.name})),el('td',{className:'muted',textContent:p.in+(p.required?', required':'')}),el('td',{},el('code',{textContent:JSON.stringify(p.schema)}))));body.append(el('h4',{textContent:'Parameters'}),t)}
      if(op.requestBody)body.append(el('h4',{textContent:'Request body'}),el('pre',{textContent:JSON.stringify(op.requestBody.content['application/json'].schema,null,2)}));
      const t=el('table');for(const [status,r] of Object.entries(op.responses))t.append(el('tr',{},el('td',{},el('code',{textContent:status})),el('td',{textContent:r.description})));
      body.append(el('h4',{textContent:'Responses'}),t);
      main.append(el('details',{},el('summary',{},el('span',{className:'m '+method,textContent:method}),el('code',{textContent:path}),el('span',{className:'muted',textContent:op.summary})),body));
    }
  }
}).catch(e=>{document.querySelector('main').textContent='Could not load the OpenAPI document: '+e.message});`;

/** The HTML of the reference page. */
export function apiDocsPage(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${style}</style></head>
<body><header><h1>${title}</h1><p>Generated from the route contracts · <a style="color:#93c5fd" href="/api/v1/openapi.json">openapi.json</a></p></header><main></main><script>${script}</script></body></html>`;
}
