// Choosing a check or a matrix cell shows its explanation beside the picture and marks its path there.
(function () {
  "use strict";
  document.querySelectorAll("section.lab").forEach(function (section) {
    var data = JSON.parse(section.querySelector("script.entries").textContent);
    var svg = section.querySelector("svg.nslab-graph");
    var aside = section.querySelector("aside.explain");
    var pre = aside.querySelector("pre");
    var heading = aside.querySelector("h3");
    var hint = aside.querySelector(".hint");
    var nodes = svg.querySelectorAll("g.node");
    var links = svg.querySelectorAll("g.link");
    function clear() {
      svg.querySelectorAll(".on-path, .stop").forEach(function (e) { e.classList.remove("on-path", "stop"); });
      section.querySelectorAll("button.chosen").forEach(function (e) { e.classList.remove("chosen"); });
    }
    section.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-entry]");
      if (!button) { return; }
      var entry = data[button.getAttribute("data-entry")];
      if (!entry) { return; }
      clear();
      button.classList.add("chosen");
      heading.textContent = entry.title;
      hint.hidden = true;
      pre.textContent = entry.text;
      entry.nodes.forEach(function (i) { nodes[i].classList.add("on-path"); });
      entry.links.forEach(function (i) { links[i].classList.add("on-path"); });
      if (entry.stop >= 0) { nodes[entry.stop].classList.add("stop"); }
      // on a narrow screen the explanation is under the picture: bring the picture into view
      if (window.matchMedia("(max-width: 760px)").matches) { svg.scrollIntoView({ block: "start" }); }
    });
  });
})();
