// Embeds the widget the way a tenant would, with the demo inbox's token from /demo/config.js
// (written by `npm start` from the seeded account).
(function () {
  var token = window.SWITCHBOARD_DEMO_TOKEN;
  var status = document.getElementById('nw-status');
  if (!token) {
    if (status) status.textContent = 'The chat is not configured: start the laptop cloud with "npm start", which writes /demo/config.js.';
    return;
  }
  var tag = document.createElement('script');
  tag.src = '/widget.js';
  tag.async = true;
  tag.setAttribute('data-token', token);
  document.body.appendChild(tag);
})();
