// Reelay console: the little the server cannot do alone. Pages work without it; it adds live progress,
// character counters, the model-driven choices of the create form and client-side image checks.
(() => {
  "use strict";

  // Set once the page is being left (a form was sent, a link followed): a live update must not reload over that navigation.
  let leaving = false;
  document.addEventListener("submit", ev => { if (!ev.defaultPrevented) leaving = true; });
  window.addEventListener("beforeunload", () => { leaving = true; });

  // Live status and progress for every element marked data-live, over one server-sent events stream.
  function followJobs() {
    const live = [...document.querySelectorAll("[data-live][data-job]")];
    if (live.length === 0 || !window.EventSource) return;
    const ids = [...new Set(live.map(e => e.dataset.job))];
    const reloadOnEnd = document.querySelector("[data-reload-on-end]") !== null;
    const source = new EventSource("/console/live?ids=" + encodeURIComponent(ids.join(",")));
    source.addEventListener("job", ev => {
      const job = JSON.parse(ev.data);
      for (const chip of document.querySelectorAll(`[data-chip="${CSS.escape(job.id)}"]`)) {
        chip.textContent = job.label;
        chip.className = "chip chip-" + job.status;
      }
      for (const bar of document.querySelectorAll(`[data-progress="${CSS.escape(job.id)}"]`)) {
        bar.value = job.progress;
        bar.textContent = job.progress + "%";
      }
      for (const text of document.querySelectorAll(`[data-progress-text="${CSS.escape(job.id)}"]`)) text.textContent = job.progress + "%";
      if (job.terminal) {
        if (reloadOnEnd) { source.close(); if (!leaving) location.reload(); return; }
        const thumb = document.querySelector(`[data-thumb="${CSS.escape(job.id)}"]`);
        if (thumb && job.status === "completed") {
          const img = document.createElement("img");
          img.alt = "";
          img.src = `/console/jobs/${encodeURIComponent(job.id)}/content?variant=poster`;
          thumb.replaceChildren(img);
        } else if (thumb) {
          thumb.replaceChildren(Object.assign(document.createElement("span"), { className: "thumb-empty", textContent: "No video" }));
        }
      }
    });
    source.addEventListener("end", () => source.close());
  }

  function counters() {
    for (const area of document.querySelectorAll("textarea[data-counter]")) {
      const out = document.getElementById(area.dataset.counter);
      const update = () => {
        const max = area.maxLength > 0 ? area.maxLength : 0;
        out.textContent = `${area.value.length} / ${max}`;
        out.classList.toggle("over", max > 0 && area.value.length > max);
      };
      area.addEventListener("input", update);
      update();
    }
  }

  // Create form: offer only what the chosen model accepts (the server checks the same rules again).
  function createForm() {
    const form = document.getElementById("create-form");
    const catalogEl = document.getElementById("model-catalog");
    if (!form || !catalogEl) return;
    const catalog = JSON.parse(catalogEl.textContent);
    const picker = form.querySelector("[data-model-picker]");
    const cfg = document.getElementById("cfg");
    const cfgValue = document.getElementById("cfg-value");
    const mode = document.getElementById("mode");
    const prompt = document.getElementById("prompt");
    const start = document.getElementById("start-image");
    const end = document.getElementById("end-image");
    const model = () => catalog.find(m => m.name === picker.value);
    const pricesEl = document.getElementById("model-prices");
    const prices = pricesEl ? JSON.parse(pricesEl.textContent) : null;
    const price = document.getElementById("price");
    const duration = document.getElementById("duration");

    // The price PriceTable gives the chosen model, mode and duration (the server prices the job the same way).
    function showPrice() {
      if (!prices || !price) return;
      const credits = prices[picker.value]?.[mode.value]?.[duration.value];
      price.textContent = credits === undefined ? "unknown" : credits === 0 ? "free" : credits === 1 ? "1 credit" : `${credits} credits`;
    }

    function fill(select, values) {
      const previous = select.value;
      select.replaceChildren(...values.map(v => new Option(String(v), String(v))));
      if (values.map(String).includes(previous)) select.value = previous;
    }
    function needs(flag, enabled) {
      for (const field of form.querySelectorAll(`[data-needs="${flag}"]`)) {
        field.classList.toggle("is-disabled", !enabled);
        for (const input of field.querySelectorAll("input")) input.disabled = !enabled;
      }
    }
    function apply() {
      const m = model();
      if (!m) return;
      for (const select of form.querySelectorAll("select[data-choice]")) fill(select, m[select.dataset.choice]);
      needs("cfgScale", m.cfgScale);
      needs("endFrame", m.endFrame && (!m.endFrameRequiresPro || mode.value === "pro"));
      prompt.maxLength = m.maxPromptLength;
      prompt.dispatchEvent(new Event("input"));
      showPrice();
      checkAll();
    }
    function checkAll() {
      const m = model();
      prompt.setCustomValidity(!m.textToVideo && !start.files.length ? "" : "");
      if (m && !m.textToVideo && start.files.length === 0) start.setCustomValidity(`${m.name} needs a start image.`);
      else if (!start.dataset.imageError) start.setCustomValidity("");
      if (m && m.textToVideo && !start.files.length && prompt.value.trim() === "") prompt.setCustomValidity("Write a prompt or choose a start image.");
      else prompt.setCustomValidity("");
      if (end.files.length && !start.files.length) end.setCustomValidity("An end image needs a start image.");
      else if (!end.dataset.imageError) end.setCustomValidity("");
    }

    picker.addEventListener("change", apply);
    mode.addEventListener("change", apply);
    duration.addEventListener("change", showPrice);
    prompt.addEventListener("input", checkAll);
    cfg.addEventListener("input", () => { cfgValue.textContent = cfg.value; });
    for (const input of form.querySelectorAll("input[data-image-check]")) {
      input.addEventListener("change", () => checkImage(input).then(checkAll));
    }
    form.addEventListener("submit", ev => {
      checkAll();
      if (!form.checkValidity()) { ev.preventDefault(); form.reportValidity(); }
    });
    apply();
  }

  // The server's image rules (ImageInputResolver): PNG/JPEG/WebP, at most 10 MB, sides 300..16384 px, aspect 1:2.5..2.5:1.
  async function checkImage(input) {
    const error = document.getElementById(input.id + "-error");
    const preview = document.getElementById(input.dataset.preview);
    const file = input.files[0];
    let message = "";
    if (preview.src) URL.revokeObjectURL(preview.src);
    preview.hidden = true;
    if (file) {
      if (!["image/png", "image/jpeg", "image/webp"].includes(file.type)) message = "Choose a PNG, JPEG or WebP image.";
      else if (file.size > 10 * 1024 * 1024) message = "The image is larger than 10 MB.";
      else {
        const url = URL.createObjectURL(file);
        const size = await new Promise(resolve => {
          const img = new Image();
          img.onload = () => resolve({ w: img.naturalWidth, h: img.naturalHeight });
          img.onerror = () => resolve(null);
          img.src = url;
        });
        if (!size) message = "The image could not be read.";
        else if (Math.min(size.w, size.h) < 300) message = `The image is ${size.w}×${size.h}; each side must be at least 300 px.`;
        else if (Math.max(size.w, size.h) > 16384) message = `The image is ${size.w}×${size.h}; each side must be at most 16384 px.`;
        else if (Math.max(size.w / size.h, size.h / size.w) > 2.5) message = `The image is ${size.w}×${size.h}; the aspect ratio must be between 1:2.5 and 2.5:1.`;
        if (!message) { preview.src = url; preview.hidden = false; } else URL.revokeObjectURL(url);
      }
    }
    input.dataset.imageError = message;
    if (!message) delete input.dataset.imageError;
    input.setCustomValidity(message);
    error.textContent = message;
  }

  document.addEventListener("DOMContentLoaded", () => { followJobs(); counters(); createForm(); });
})();
