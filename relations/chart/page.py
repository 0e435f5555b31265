"""One self-contained HTML page for a ``Chart``: inline CSS, the chart as JSON data, and a small
inline script that draws it as SVG and shows a mark's details on hover or click.

Hand-made SVG rather than Vega-Lite: the page is a few kilobytes instead of the ~800 kB of an
inlined Vega runtime, and every article string reaches the page as JSON data that the script
puts into the document with ``textContent``, never as markup. The JSON is escaped for a
``<script>`` element (``<``, ``>``, ``&`` and the line separators as ``\\uXXXX``), and the
title is HTML-escaped, so an article titled ``<script>...`` shows as text.

When the drawing is done the script writes ``<output id="status">``: ``ok N`` with the number
of marks drawn, or ``error: ...`` if anything failed (what the browser test reads). A
``#mark=N`` fragment in the address selects mark N as a click would.
"""

from __future__ import annotations

import html
import json

from .data import Chart

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_for_script(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return "".join(_SCRIPT_UNSAFE.get(ch, ch) for ch in text)


_CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222}
h1{font-size:20px;margin:0}p.sub{color:#555;margin:2px 0 8px}
svg{display:block;background:#fff}
.lane{font-size:12px;fill:#333}.grid{stroke:#e5e5e5}.axis{font-size:11px;fill:#666}
.mark{cursor:pointer}.mark:hover,.mark.sel{stroke:#000;stroke-width:2}
#legend span{display:inline-block;margin-right:12px;font-size:12px}
#legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:5px;vertical-align:-1px}
#details{border:1px solid #ccc;padding:8px;min-height:40px;max-width:980px;margin-top:8px}
#details dt{font-weight:600;float:left;clear:left;width:110px}#details dd{margin:0 0 4px 120px}
#status{color:#999;font-size:11px}
"""

# Draws data.marks into the SVG; every string goes in through textContent or setAttribute.
_JS = r"""
(function(){
var status=document.getElementById('status');
function fail(m){status.textContent='error: '+m;status.setAttribute('data-state','error');}
window.addEventListener('error',function(e){fail(e.message);});
try{
var data=JSON.parse(document.getElementById('chart-data').textContent);
var NS='http://www.w3.org/2000/svg',svg=document.getElementById('chart');
var L=190,R=24,T=24,LH=28,W=1000,H=T+LH*data.lanes.length+30;
svg.setAttribute('viewBox','0 0 '+W+' '+H);svg.setAttribute('width',W);svg.setAttribute('height',H);
var t0=Date.parse(data.start),t1=Date.parse(data.end);if(t1<=t0)t1=t0+864e5;var pad=(t1-t0)*0.03;t0-=pad;t1+=pad;
function x(d){return L+(Date.parse(d)-t0)/(t1-t0)*(W-L-R);}
function el(n,a,p){var e=document.createElementNS(NS,n);for(var k in a)e.setAttribute(k,a[k]);(p||svg).appendChild(e);return e;}
function y(l){return T+LH*l+LH/2;}
data.lanes.forEach(function(name,i){el('line',{x1:L,x2:W-R,y1:y(i),y2:y(i),'class':'grid'});
  var t=el('text',{x:L-14,y:y(i)+4,'text-anchor':'end','class':'lane'});t.textContent=name;});
var y0=new Date(data.start).getUTCFullYear(),y1=new Date(data.end).getUTCFullYear();
for(var yr=y0;yr<=y1+1;yr++){var d=yr+'-01-01',xx=x(d);if(xx<L||xx>W-R)continue;
  el('line',{x1:xx,x2:xx,y1:T-6,y2:H-24,'class':'grid'});
  var t=el('text',{x:xx,y:H-8,'text-anchor':'middle','class':'axis'});t.textContent=String(yr);}
var det=document.getElementById('details'),sel=null;
function show(i,keep){var m=data.marks[i];det.textContent='';var dl=document.createElement('dl');
  m.details.forEach(function(p){if(!p[1])return;var a=document.createElement('dt'),b=document.createElement('dd');
    a.textContent=p[0];b.textContent=p[1];dl.appendChild(a);dl.appendChild(b);});
  var h=document.createElement('strong');h.textContent=m.label;det.appendChild(h);det.appendChild(dl);
  if(keep){if(sel)sel.classList.remove('sel');sel=drawn[i];sel.classList.add('sel');}}
var seen={};var drawn=data.marks.map(function(m,i){var k=m.lane+'/'+m.start,n=seen[k]||0,cx=x(m.start),cy=y(m.lane),e;
  if(m.shape!=='band'){seen[k]=n+1;cx+=(n%2?1:-1)*Math.ceil(n/2)*4;}
  if(m.shape==='band'){e=el('rect',{x:cx,y:cy-9,width:Math.max(2,x(m.end)-cx),height:18,fill:m.colour,rx:3});}
  else if(m.shape==='diamond'){e=el('path',{d:'M'+cx+' '+(cy-9)+'l7 9l-7 9l-7 -9z',fill:m.colour});}
  else if(m.shape==='cross'){e=el('path',{d:'M'+(cx-6)+' '+(cy-6)+'l12 12m0 -12l-12 12',stroke:m.colour,'stroke-width':3});}
  else{var r=m.size<1?4+10*Math.sqrt(m.size):6;
    e=el('circle',{cx:cx,cy:cy,r:r,fill:m.shape==='hollow'?'#fff':m.colour,stroke:m.colour,'stroke-width':2,'fill-opacity':0.85});}
  e.setAttribute('class','mark');e.setAttribute('data-i',i);e.setAttribute('tabindex','0');
  var tt=el('title',{},e);tt.textContent=m.label;
  e.addEventListener('mouseenter',function(){show(i,false);});
  e.addEventListener('click',function(){show(i,true);});return e;});
var lg=document.getElementById('legend');
data.legend.forEach(function(g){var s=document.createElement('span'),i=document.createElement('i');
  i.style.background=g[1]==='hollow'?'#fff':g[0];i.style.border='2px solid '+g[0];
  if(g[1]==='band')i.style.borderRadius='2px';s.appendChild(i);s.appendChild(document.createTextNode(g[2]));lg.appendChild(s);});
var m=/mark=(\d+)/.exec(location.hash);if(m&&drawn[+m[1]])show(+m[1],true);
if(status.getAttribute('data-state')!=='error'){var n=svg.querySelectorAll('.mark').length;
  status.textContent='ok '+n+' marks';status.setAttribute('data-state','ok');status.setAttribute('data-marks',n);}
}catch(e){fail(e&&e.message||String(e));}
})();
"""


def render(chart: Chart) -> str:
    """The whole HTML page of ``chart``: nothing to fetch, open it from disk."""
    title = html.escape(chart.title)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><style>{_CSS}</style></head>\n<body>\n"
        f"<h1>{title}</h1><p class=\"sub\">{html.escape(chart.subtitle)}</p>\n"
        "<svg id=\"chart\" role=\"img\" aria-label=\"timeline\"></svg>\n<div id=\"legend\"></div>\n"
        "<div id=\"details\">Hover over a mark to see its sentence and source; click to keep it.</div>\n"
        "<output id=\"status\" data-state=\"loading\">loading</output>\n"
        f"<script type=\"application/json\" id=\"chart-data\">{_json_for_script(chart.to_dict())}</script>\n"
        f"<script>{_JS}</script>\n</body></html>\n"
    )
