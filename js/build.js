// The batch builder, inlined into news-widget.js by scripts/compose-loader.mjs
// (the wasm tests load it from here too).
//
// Builds what the wasm describes in one batch (src/shell/batch.rs): ops
// are [0 name] open a child element, [1 name text] set an attribute,
// [2 name name] set a constant attribute, [3 text] add a text node,
// [4] close, [5] keep the current element (build returns the kept ones,
// in order). Names index the wasm's table of constant strings; texts are
// the slices of `text` with the UTF-16 `lengths`. Only createElement,
// setAttribute and text nodes: a batch never parses markup.
var buildNames = { key: null, list: [] };
function build(parent, ops, lengths, text, table) {
  if (buildNames.key !== table) buildNames = { key: table, list: table.split('\n') };
  var name = buildNames.list;
  var texts = [];
  for (var t = 0, at = 0; t < lengths.length; at += lengths[t++]) texts.push(text.slice(at, at + lengths[t]));
  var stack = [parent];
  var node = parent;
  var kept = [];
  for (var i = 0; i < ops.length;) {
    switch (ops[i++]) {
      case 0: stack.push(node = node.appendChild(document.createElement(name[ops[i++]]))); break;
      case 1: node.setAttribute(name[ops[i]], texts[ops[i + 1]]); i += 2; break;
      case 2: node.setAttribute(name[ops[i]], name[ops[i + 1]]); i += 2; break;
      case 3: node.appendChild(document.createTextNode(texts[ops[i++]])); break;
      case 4: stack.pop(); node = stack[stack.length - 1]; break;
      default: kept.push(node);
    }
  }
  return kept;
}
