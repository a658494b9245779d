// Figures pages: after a save the answer is beside the field and the cursor where work goes on;
// an htmx request that is refused or fails says why on screen instead of doing nothing.
(function () {
  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }

  function focusAnswer(root) {
    var target = root.querySelector("[data-focus]");
    var row = root.querySelector("[data-focus-next]") || (root.matches && root.matches("[data-focus-next]") ? root : null);
    if (!target && row) {
      // saved or sent: go on with the next indicator's value (the next one shown, in this table
      // or the next), never a button that sends a figure on; the last row keeps the cursor
      var fields = Array.prototype.slice.call(document.querySelectorAll("input[name=value]"));
      target = fields.filter(function (f) {
        return (row.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) &&
          !row.contains(f) && f.offsetParent !== null && !f.disabled;
      })[0] || row.querySelector("input[name=value]");
    }
    if (!target) return;
    target.focus({ preventScroll: true });
    var answer = (target.closest("tr") || target).querySelector(".field-error, .field-ok") || target;
    if (!inView(answer) || !inView(target)) answer.scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () { focusAnswer(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    var elt = event.detail.elt;
    focusAnswer(elt && elt.isConnected ? (elt.closest("tr") || elt) : document);
  });

  function say(event, text) {
    var source = event.detail.elt;
    var holder = (source && source.closest("form")) || source || document.querySelector("main");
    var old = holder.querySelector(".action-error");
    if (old) old.remove();
    var p = document.createElement("p");
    p.className = "field-error action-error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    holder.appendChild(p);
    if (!inView(p)) p.scrollIntoView({ block: "center" });
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var text = "";
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = doc.querySelector("main");
      text = (main ? main.textContent : "").replace(/\s+/g, " ").replace("Về trang chính", "").trim();
    } catch (e) { text = ""; }
    say(event, "Không thực hiện được (mã " + xhr.status + "). " + (text || "Máy chủ từ chối yêu cầu.") + " Chưa lưu gì; những gì bạn đã nhập vẫn còn trên trang.");
  });
  document.addEventListener("htmx:sendError", function (event) {
    say(event, "Không gửi được tới máy chủ (mất kết nối?). Chưa lưu gì; những gì bạn đã nhập vẫn còn trên trang — hãy thử lại.");
  });
})();
