(function () {
  "use strict";
  var key = "cordial-trail:" + location.pathname;
  var trail = [];
  try { trail = JSON.parse(sessionStorage.getItem(key) || "[]"); } catch (e) { trail = []; }
  if (!Array.isArray(trail)) { trail = []; }
  var nav = document.getElementById("call-trail");
  function show() {
    var id = decodeURIComponent(location.hash.slice(1));
    var step = document.getElementById(id);
    if (!nav || !step || !step.classList.contains("call-step")) { return; }
    var at = trail.indexOf(id);
    trail = at >= 0 ? trail.slice(0, at + 1) : trail.concat([id]);
    if (step.hasAttribute("data-start")) { trail = [id]; }
    try { sessionStorage.setItem(key, JSON.stringify(trail)); } catch (e) { /* private mode */ }
    var list = nav.querySelector("ol");
    while (list.firstChild) { list.removeChild(list.firstChild); }
    trail.forEach(function (t) {
      var target = document.getElementById(t);
      if (!target) { return; }
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + t;
      var number = target.querySelector("h3 .step-no");
      var title = target.querySelector("h3 bdi");
      link.textContent = (number ? number.textContent + ". " : "") + (title ? title.textContent : t);
      if (t === id) { link.setAttribute("aria-current", "step"); }
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.hidden = false;
    step.insertBefore(nav, step.firstChild);
    var heading = step.querySelector("h3");
    if (heading) { heading.focus({ preventScroll: true }); }
  }
  window.addEventListener("hashchange", show);
  show();
})();
