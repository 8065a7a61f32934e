// Proves the policy holds: eval must throw here.
var evalBlocked = false;
try { (0, eval)("1"); } catch (e) { evalBlocked = true; }
addEventListener("DOMContentLoaded", function () {
  document.getElementById("title").dataset.evalBlocked = String(evalBlocked);
  setTimeout(function () {
    var b = document.getElementById("later");
    b.disabled = false;
    b.textContent = "Ready";
  }, 300);
});
