// The floor of the bench's input figures: a page that shows an input's effect as soon as a page
// can. A WebGL2 canvas over the whole window (the app's context attributes) is repainted in the
// input's own handler, on a button's release and on a key; window.floor.shown counts the
// repaints. Measured like the app and the peer, it tells how much of an input -> frame figure is
// the browser's frame pipeline itself.
(function () {
  const canvas = document.getElementById('floor');
  document.body.style.margin = '0';
  canvas.style.display = 'block';
  canvas.width = Math.round(innerWidth * devicePixelRatio);
  canvas.height = Math.round(innerHeight * devicePixelRatio);
  canvas.style.width = innerWidth + 'px';
  canvas.style.height = innerHeight + 'px';
  const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false, preserveDrawingBuffer: false });
  const state = { shown: 0 };
  function paint() {
    const k = state.shown % 2;
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.clearColor(0.9 + 0.1 * k, 0.95, 0.97, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
  }
  paint();
  const answer = () => { state.shown++; paint(); };
  addEventListener('mouseup', answer);
  addEventListener('keydown', answer);
  window.floor = state;
})();
