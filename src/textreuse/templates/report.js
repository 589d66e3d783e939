// Link each passage's two sides: selecting one scrolls the other column to its
// counterpart and outlines every piece of the passage on both sides.
(function () {
  "use strict";
  var motion = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  var other = { d: "s", s: "d" };

  function scrollColumn(side, number) {
    var column = document.getElementById(side + "-col");
    var target = document.getElementById(side + "-p" + number);
    if (!column || !target) return;
    var offset = target.getBoundingClientRect().top - column.getBoundingClientRect().top;
    column.scrollTo({ top: column.scrollTop + offset - column.clientHeight / 3, behavior: motion });
  }

  function clear() {
    document.querySelectorAll(".active").forEach(function (el) {
      el.classList.remove("active", "flash");
    });
  }

  function select(number, sides) {
    clear();
    document.querySelectorAll(".p" + number).forEach(function (el) {
      el.classList.add("active");
      void el.offsetWidth; // restart the flash when the same passage is chosen again
      el.classList.add("flash");
    });
    sides.forEach(function (side) { scrollColumn(side, number); });
  }

  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-p]");
    // Leave the click alone when the reader was selecting text to copy.
    if (!el || !window.getSelection().isCollapsed) return;
    event.preventDefault();
    var number = el.getAttribute("data-p");
    var side = el.getAttribute("data-side");
    if (side) {
      select(number, [other[side]]);
    } else {
      select(number, ["d", "s"]);
      document.getElementById("docs").scrollIntoView({ behavior: motion, block: "start" });
    }
  });

  // Keyboard readers tab through the numbered badges.
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("badge")) {
      select(el.getAttribute("data-p"), [other[el.getAttribute("data-side")]]);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") clear();
  });
})();
