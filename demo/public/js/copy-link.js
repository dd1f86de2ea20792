// "Copy link" buttons: `<button data-copy="input-id">`. Uses the Clipboard API; where it is missing
// or refused (plain http on another host, permissions), selects the text so the person can copy it.
export function wireCopyButtons(root = document) {
  root.addEventListener('click', async (event) => {
    const button = event.target.closest('[data-copy]');
    if (!button) return;
    const input = document.getElementById(button.dataset.copy);
    const original = button.dataset.label ?? (button.dataset.label = button.textContent);
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = 'Copied';
    } catch {
      input.focus();
      input.select();
      button.textContent = 'Selected: press Ctrl+C (⌘C)';
    }
    setTimeout(() => {
      button.textContent = original;
    }, 2500);
  });
}
