// Scroll through the page a screen per frame, then back to the top, as a reader would
// (tests/conftest.py read_through and benchmarks/lighthouse-read.mjs evaluate it).
(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) { scrollTo(0, y); await frame(); }
  scrollTo(0, 0);
  await frame();
})()
