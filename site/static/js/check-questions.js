/* ScamSense check questions: a lesson's 1-3 multiple-choice questions, asked before the lesson
 * ("Check what you know", optional) and again after it ("Now try again").
 *
 * Progressive enhancement. Without this script each box is a GET form to <lesson>/check/,
 * which shows which answers were right with the explanations. With it, the answers are checked
 * in place: each answered question shows "Right." or the right answer and its explanation,
 * its radio buttons are locked, and a summary is announced (role="status").
 *
 * It remembers, for this tab only (sessionStorage "scamsense:check:<page id>"), whether each
 * question's first answer before the lesson was right. When the same question is then answered
 * after the lesson, it dispatches once per question per tab:
 *
 *   document.dispatchEvent(new CustomEvent("scamsense:check",
 *     {detail: {of: "question", item: "<n>", before: true|false, after: true|false}}))
 *
 * n is the question's 1-based number. Only whether each answer was right leaves this script:
 * never the answer chosen or any text. reach.js turns the event into a beacon "check" event.
 */
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-check-box]");
  if (!boxes.length || !window.CustomEvent || !window.JSON) return;

  var pageId = boxes[0].getAttribute("data-page");
  var KEY = "scamsense:check:" + pageId;
  var session = null;
  try { session = window.sessionStorage; } catch (e) { session = null; }
  var state = { before: {}, after: {}, sent: {} };
  try {
    var kept = session && JSON.parse(session.getItem(KEY));
    if (kept && typeof kept === "object") {
      ["before", "after", "sent"].forEach(function (part) {
        if (kept[part] && typeof kept[part] === "object") state[part] = kept[part];
      });
    }
  } catch (e) { /* start afresh */ }
  function save() {
    try { if (session) session.setItem(KEY, JSON.stringify(state)); } catch (e) { /* memory only */ }
  }

  function record(box, item, right) {
    if (box === "before") {
      // The first answer before the lesson counts, and only if the question has not already
      // been answered after it.
      if (!(item in state.before) && !(item in state.after)) state.before[item] = right;
    } else {
      if (!(item in state.after)) state.after[item] = right;
      if (item in state.before && !state.sent[item]) {
        state.sent[item] = true;
        document.dispatchEvent(new CustomEvent("scamsense:check", {
          detail: { of: "question", item: item, before: !!state.before[item], after: !!state.after[item] }
        }));
      }
    }
    save();
  }

  function check(form, box) {
    var right = 0, total = 0;
    [].forEach.call(form.querySelectorAll("[data-check-question]"), function (question) {
      var chosen = question.querySelector("input[type=radio]:checked");
      if (question.hasAttribute("data-checked")) {
        total += 1;
        if (question.getAttribute("data-checked") === "right") right += 1;
        return;
      }
      if (!chosen) return;
      var item = question.getAttribute("data-check-question");
      var correct = chosen.value === question.getAttribute("data-right");
      question.setAttribute("data-checked", correct ? "right" : "wrong");
      question.classList.add(correct ? "check__question--right" : "check__question--wrong");
      var label = form.querySelector('label[for="' + chosen.id + '"]');
      if (label) label.classList.add("check__chosen");
      [].forEach.call(question.querySelectorAll("input[type=radio]"), function (input) {
        input.disabled = true;
      });
      question.querySelector("[data-check-feedback]").hidden = false;
      question.querySelector(correct ? "[data-check-right]" : "[data-check-wrong]").hidden = false;
      total += 1;
      if (correct) right += 1;
      record(box, item, correct);
    });
    var status = form.querySelector("[data-check-status]");
    status.textContent = total
      ? form.getAttribute("data-summary").replace("{right}", right).replace("{total}", total)
      : form.getAttribute("data-none");
  }

  [].forEach.call(boxes, function (section) {
    var form = section.querySelector("[data-check-form]");
    if (!form) return;
    var box = section.getAttribute("data-check-box");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      check(form, box);
    });
  });
})();
