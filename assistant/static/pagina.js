<script>
/* The page in Spanish (Gradio's own controls follow the browser language), [n] links that
   scroll to and flash their citation, the plain-text copy, and Datos rows that show their
   passage. Listeners sit on the document: the HTML they act on is replaced with each answer. */
(() => {
  try {
    Object.defineProperty(navigator, "language", { get: () => "es-MX" });
    Object.defineProperty(navigator, "languages", { get: () => ["es-MX", "es"] });
  } catch (e) { /* an old browser keeps its language */ }
  const root = document.documentElement;
  const spanish = () => { if (root.lang !== "es") root.lang = "es"; };
  spanish();
  new MutationObserver(spanish).observe(root, { attributes: true, attributeFilter: ["lang"] });
  const flash = (id) => {
    const c = document.getElementById(id);
    if (!c) return;
    c.scrollIntoView({ behavior: "smooth", block: "center" });
    c.classList.remove("destello");
    void c.offsetWidth;
    c.classList.add("destello");
    c.focus({ preventScroll: true });
  };
  const copy = (button) => {
    const text = button.parentElement.querySelector("textarea.texto-plano").value;
    const fallback = () => {
      const t = document.createElement("textarea");
      t.value = text; document.body.appendChild(t); t.select();
      document.execCommand("copy"); t.remove();
    };
    const done = () => {
      button.textContent = "Copiada";
      setTimeout(() => { button.textContent = "Copiar respuesta"; }, 1500);
    };
    (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject())
      .catch(fallback).then(done);
  };
  const choose = (row) => {
    const box = document.querySelector("#fila textarea, #fila input");
    if (!box) return;
    box.value = row.dataset.fila;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    document.querySelectorAll("tr.elegida").forEach((r) => r.classList.remove("elegida"));
    row.classList.add("elegida");
  };
  document.addEventListener("click", (e) => {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const ref = t.closest("a.ref");
    if (ref) { e.preventDefault(); flash(ref.dataset.cita); return; }
    const button = t.closest("button.copiar");
    if (button) { copy(button); return; }
    const row = t.closest("tr[data-fila]");
    if (row) choose(row);
  });
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.key === "Enter" && t instanceof Element && t.matches("tr[data-fila]")) choose(t);
  });
})();
</script>
