// Runs before first paint so a chosen theme never flashes. External file: the CSP forbids inline scripts.
try {
  var t = localStorage.getItem('bottleneck-theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) { /* storage unavailable: follow the system */ }
