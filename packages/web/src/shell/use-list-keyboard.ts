import { useEffect } from 'react';

/** True when a key press is meant for a text field, not for page shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Keyboard navigation for a list: j / ArrowDown and k / ArrowUp move the selection, Enter opens it,
 * `/` focuses the search box. Ignored while typing in a field.
 */
export function useListKeyboard(options: {
  count: number;
  selected: number;
  setSelected: (index: number) => void;
  onOpen: (index: number) => void;
  onSearch?: () => void;
}) {
  const { count, selected, setSelected, onOpen, onSearch } = options;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        event.preventDefault();
        setSelected(Math.min(count - 1, selected + 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        event.preventDefault();
        setSelected(Math.max(0, selected - 1));
      } else if (event.key === 'Enter' && selected >= 0 && selected < count) {
        if (event.target instanceof HTMLElement && ['A', 'BUTTON'].includes(event.target.tagName)) return;
        event.preventDefault();
        onOpen(selected);
      } else if (event.key === '/' && onSearch) {
        event.preventDefault();
        onSearch();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [count, selected, setSelected, onOpen, onSearch]);
}
