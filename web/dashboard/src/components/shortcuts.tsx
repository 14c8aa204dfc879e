/**
 * The keyboard shortcuts dialog (`?`).
 */
import { useEffect, useRef } from 'preact/hooks';
import { Icon } from './ui.js';

const shortcuts: readonly (readonly [string[], string])[] = [
  [['j'], 'Next conversation'],
  [['k'], 'Previous conversation'],
  [['Enter'], 'Open the highlighted conversation'],
  [['o'], 'Open the highlighted conversation'],
  [['r'], 'Reply'],
  [['n'], 'Write a private note'],
  [['e'], 'Resolve'],
  [['a'], 'Assign'],
  [['t'], 'Take over from the AI assistant'],
  [['Enter'], 'Send (in the composer)'],
  [['Shift', 'Enter'], 'New line (in the composer)'],
  [['Esc'], 'Leave the composer, close menus'],
  [['?'], 'Show or hide these shortcuts'],
];

/** A modal listing the shortcuts; Escape or the close button hides it. */
export function ShortcutsDialog(props: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div class="dialog-backdrop" onClick={props.onClose}>
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts-dialog"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onClose();
        }}
      >
        <header class="dialog-header">
          <h2 id="shortcuts-title">
            <Icon name="keyboard" size={18} />
            Keyboard shortcuts
          </h2>
          <button type="button" class="icon-button" aria-label="Close" ref={closeButton} onClick={props.onClose}>
            <Icon name="close" size={16} />
          </button>
        </header>
        <dl class="shortcut-list">
          {shortcuts.map(([keys, label], index) => (
            <div class="shortcut" key={index}>
              <dt>
                {keys.map((key, keyIndex) => (
                  <>
                    {keyIndex > 0 ? ' + ' : null}
                    <kbd>{key}</kbd>
                  </>
                ))}
              </dt>
              <dd>{label}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
