// Appended to the Emscripten output (--post-js). The accessibility mirror: the page is drawn on a
// canvas, which says nothing to a screen reader and holds no text for the browser's find, so this
// keeps a layer of DOM elements over it, one per item the app drew in its last frame (the items of
// window.credentialsConsole.items(), with the roles, names and ARIA states the views gave them):
// a grid with its rows and cells, buttons, text fields, dialogs, trees, a live region.
//
// - The layer is transparent and lets the pointer through; each element sits over its item, so
//   the browser's find highlights the right place and a screen reader's outline matches the view.
// - It is rebuilt when the app says its items changed, in an idle moment once they have settled
//   (at once when the keyboard focus moved), and only the elements whose item changed are touched.
// - A screen reader's activation (a click on an element) reaches the app as a click at the item.
// - The keyboard focus follows the app's: the element of the item ImGui's keyboard navigation or
//   text editing is on gets the DOM focus (the keys still reach the app, which listens on window).
// - Text fields are real <input>s (type password for secrets, autocomplete set): while the app
//   edits a field, its input has the focus and takes the typed characters, so IME compositions,
//   autofill and on-screen keyboards work; what it receives goes to the app (cc_insert_text) and
//   is cleared from the element at once: the input never holds the field's text.
(function () {
  const canvas = Module.canvas || document.getElementById('canvas');
  if (!canvas || !canvas.parentNode) return;
  const root = document.createElement('div');
  root.id = 'cc-a11y';
  // Styled here, not in a style sheet: a host page that embeds the app brings its own.
  Object.assign(root.style, {
    position: 'fixed', left: '0px', top: '0px', width: '0px', height: '0px', overflow: 'hidden',
    pointerEvents: 'none', color: 'transparent', background: 'transparent', zIndex: '1',
    font: '12px sans-serif', whiteSpace: 'pre', userSelect: 'none',
  });
  canvas.insertAdjacentElement('afterend', root);
  canvas.setAttribute('aria-label', 'Credentials Console');

  const nodes = new Map(); // item id -> { el, item, sig }
  const interactive = new Set(['button', 'checkbox', 'radio', 'textbox', 'searchbox', 'menuitem', 'treeitem',
    'columnheader', 'row', 'listitem', 'link', 'tab', 'switch', 'option']);
  let focusedId = '';
  let focusing = false;  // the mirror itself is moving the DOM focus

  // The mirror may lag the canvas a little; it must never delay a frame. A move of the keyboard
  // focus is mirrored at the next idle moment (typed text and IME compositions go to the focused
  // input). Other changes wait until the items have stayed the same for a moment: a sort, a
  // keystroke in the search or a wheel step changes them in the frame that shows the result and
  // the frames just after it, and those frames come first. While they keep changing (the list
  // scrolling), the mirror still follows at least twice a second.
  const QUIET_MS = 150, MAX_LAG_MS = 500;
  let pending = false;  // an update waits for an idle moment
  let timer = 0;        // an update waits for the items to settle
  let firstChange = 0;  // when they started changing since the last update was scheduled
  function whenIdle() {
    timer = 0;
    if (pending) return;
    pending = true;
    if (window.requestIdleCallback) window.requestIdleCallback(update, { timeout: 100 });
    else setTimeout(update, 0);
  }
  function schedule(urgent) {
    if (pending) return;
    if (urgent === true) {
      clearTimeout(timer);
      whenIdle();
      return;
    }
    const now = performance.now();
    if (!timer) firstChange = now;
    else clearTimeout(timer);
    timer = setTimeout(whenIdle, Math.max(0, Math.min(QUIET_MS, firstChange + MAX_LAG_MS - now)));
  }
  Module.onItemsChanged = schedule;
  window.addEventListener('scroll', schedule, { passive: true });  // a host page that scrolls the canvas

  const isField = (item) => item.role === 'textbox' || item.role === 'searchbox';
  const tagOf = (item) => !isField(item) ? 'div' : item.aria && item.aria['aria-multiline'] ? 'textarea' : 'input';

  function attrsOf(item) {
    const a = {};
    const role = item.role;
    if (role && role !== 'text' && !isField(item)) a.role = role;  // an input's role is its own
    if (isField(item) && tagOf(item) === 'input') a.type = role === 'searchbox' ? 'search' : 'text';
    if (item.name) a['aria-label'] = item.name;
    if (!item.enabled && interactive.has(role)) a['aria-disabled'] = 'true';
    if (item.checked !== undefined && (role === 'checkbox' || role === 'menuitemcheckbox' || role === 'switch'))
      a['aria-checked'] = item.checked ? 'true' : 'false';
    if (item.aria) for (const k of Object.keys(item.aria)) if (item.aria[k] !== '') a[k] = item.aria[k];
    if (isField(item)) {
      if (a['aria-readonly'] === 'true') a.readonly = '';
      if (!a.autocomplete) a.autocomplete = 'off';
      a.spellcheck = 'false';
      delete a['aria-multiline'];
    }
    if (interactive.has(role)) a.tabindex = '-1';
    a['data-cc-id'] = item.id;
    return a;
  }

  // What an element shows: the item's text (a field's text is not mirrored: secrets never are).
  function textOf(item) {
    if (item.group || isField(item)) return '';
    return item.label;
  }

  function place(el, item, group) {
    const s = el.style;
    s.position = 'absolute';
    s.overflow = 'hidden';
    s.outline = 'none';
    s.margin = '0';
    s.padding = '0';
    s.border = 'none';
    s.background = 'transparent';
    s.color = 'transparent';
    s.caretColor = 'transparent';
    s.resize = 'none';
    s.appearance = 'none';
    if (item.role === 'status') {  // heard, not seen
      s.left = '0px'; s.top = '0px'; s.width = '1px'; s.height = '1px'; s.clipPath = 'inset(50%)';
      return;
    }
    if (group) {
      s.left = '0px'; s.top = '0px'; s.width = '100%'; s.height = '100%';
      return;
    }
    s.left = item.x + 'px'; s.top = item.y + 'px'; s.width = Math.max(1, item.w) + 'px'; s.height = Math.max(1, item.h) + 'px';
    s.fontSize = Math.max(1, Math.min(item.h * 0.7, 40)) + 'px';
    s.lineHeight = Math.max(1, item.h) + 'px';
  }

  function apply(node, item) {
    const el = node.el;
    const attrs = attrsOf(item);
    const old = node.attrs || {};
    for (const k of Object.keys(old)) if (!(k in attrs)) el.removeAttribute(k);
    for (const k of Object.keys(attrs)) if (old[k] !== attrs[k]) el.setAttribute(k, attrs[k]);
    node.attrs = attrs;
    const text = textOf(item);
    if (item.role === 'status') {
      // A live region speaks when its text changes: a repeated announcement is cleared first.
      const serial = item.aria && item.aria['data-serial'];
      if (serial !== node.serial) { node.serial = serial; el.textContent = ''; if (text) setTimeout(() => { el.textContent = text; }, 50); }
    } else if (!isField(item) && el.textContent !== text) {
      el.textContent = text;
    }
    place(el, item, !!item.group);
    node.item = item;
  }

  function update() {
    pending = false;
    if (!Module._cc_items_json) return;
    let items;
    try { items = JSON.parse(UTF8ToString(Module._cc_items_json())); } catch (e) { return; }
    const r = canvas.getBoundingClientRect();
    root.style.left = r.left + 'px';
    root.style.top = r.top + 'px';
    root.style.width = r.width + 'px';
    root.style.height = r.height + 'px';

    const seen = new Set();
    const children = new Map(); // container element -> wanted children, in frame order
    children.set(root, []);
    let focus = null;
    for (const item of items) {
      if (item.role === 'none' || seen.has(item.id)) continue;
      if (!item.group && !item.visible && item.role !== 'status') continue;
      seen.add(item.id);
      const sig = JSON.stringify(item);
      let node = nodes.get(item.id);
      if (node && node.el.tagName.toLowerCase() !== tagOf(item)) {  // another kind of element now
        node.el.remove();
        node = null;
      }
      if (!node) {
        node = { el: document.createElement(tagOf(item)), sig: '' };
        nodes.set(item.id, node);
      }
      if (node.sig !== sig) { apply(node, item); node.sig = sig; }
      const parentNode = item.parent && nodes.get(item.parent);
      const container = parentNode && seen.has(item.parent) ? parentNode.el : root;
      if (!children.has(container)) children.set(container, []);
      children.get(container).push(node.el);
      if (item.group && !children.has(node.el)) children.set(node.el, []);
      if (item.focused) focus = node;
    }
    // (No destructuring in loops: Emscripten's JS optimizer of this toolchain drops it.)
    const gone = [];
    nodes.forEach((node, id) => { if (!seen.has(id)) gone.push(id); });
    for (const id of gone) { nodes.get(id).el.remove(); nodes.delete(id); }
    children.forEach((wanted, container) => {
      const now = container.children;
      let same = now.length === wanted.length;
      for (let i = 0; same && i < wanted.length; ++i) same = now[i] === wanted[i];
      if (!same) container.append.apply(container, wanted);
    });
    // The focus follows the app's while the page has it (never taken from a host page's field).
    const id = focus ? focus.item.id : '';
    if (id !== focusedId) {
      focusedId = id;
      const active = document.activeElement;
      const ours = !active || active === document.body || active === canvas || root.contains(active);
      focusing = true;
      if (focus && ours) focus.el.focus({ preventScroll: true });
      // Nothing of the app has the focus any more: an input of ours gives it back to the canvas.
      else if (!focus && root.contains(active)) canvas.focus({ preventScroll: true });
      focusing = false;
    }
  }

  // What a text field's input receives goes to the app, then leaves the element (a composition
  // is handed over when it ends).
  function handOver(el) {
    const text = el.value;
    el.value = '';
    if (!text || !Module._cc_insert_text) return;
    const n = lengthBytesUTF8(text) + 1;
    const p = _malloc(n);
    stringToUTF8(text, p, n);
    Module._cc_insert_text(p);
    _free(p);
  }
  root.addEventListener('input', (event) => {
    if (!event.isComposing && event.target.matches('input, textarea')) handOver(event.target);
  });
  root.addEventListener('compositionend', (event) => {
    if (event.target.matches('input, textarea')) handOver(event.target);
  });

  // The reverse: an element focused from outside (a screen reader's cursor) moves the app's focus.
  root.addEventListener('focusin', (event) => {
    if (focusing || !Module._cc_focus_item) return;
    const el = event.target.closest('[data-cc-id]');
    const id = el && el.getAttribute('data-cc-id');
    if (!id || id === focusedId) return;
    const n = lengthBytesUTF8(id) + 1;
    const p = _malloc(n);
    stringToUTF8(id, p, n);
    Module._cc_focus_item(p);
    _free(p);
  });

  // A screen reader's activation: a click the pointer cannot make (the layer lets it through).
  root.addEventListener('click', (event) => {
    const el = event.target.closest('[data-cc-id]');
    const node = el && nodes.get(el.getAttribute('data-cc-id'));
    if (!node || !interactive.has(node.item.role) || !node.item.enabled) return;
    event.preventDefault();
    const item = node.item;
    const r = canvas.getBoundingClientRect();
    // A row is pressed near its start (its middle may be a link in a cell).
    const dx = item.role === 'row' ? Math.min(item.w / 2, 12) : item.w / 2;
    const init = { clientX: r.left + item.x + dx, clientY: r.top + item.y + item.h / 2, bubbles: true, button: 0 };
    window.dispatchEvent(new MouseEvent('mousemove', init));
    canvas.dispatchEvent(new MouseEvent('mousedown', init));
    window.dispatchEvent(new MouseEvent('mouseup', init));
  });
})();
