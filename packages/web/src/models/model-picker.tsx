import { useId, useState } from 'react';
import { inputClass } from '../ui/controls';

export interface PickerOption {
  id: string;
  /** Shown beside the id in the suggestions: the model's name, or an alias's targets. */
  hint: string;
}

/**
 * A text box that suggests model ids (and aliases) as you type; picking a suggestion, or pressing Enter,
 * calls `onPick` (an unknown id is passed on too: the server's answer names the closest matches).
 */
export function ModelPicker({
  label,
  options: allOptions,
  exclude = [],
  onPick,
}: {
  label: string;
  options: readonly PickerOption[];
  exclude?: readonly string[];
  onPick: (id: string) => void;
}) {
  const listId = useId();
  const [draft, setDraft] = useState('');
  const options = allOptions.filter((option) => !exclude.includes(option.id));
  const known = (id: string) => options.some((option) => option.id === id);
  const pick = (id: string) => {
    onPick(id);
    setDraft('');
  };
  return (
    <>
      <input
        aria-label={label}
        placeholder={`${label}…`}
        list={listId}
        value={draft}
        onChange={(event) => {
          const value = event.target.value;
          // Choosing a suggestion fires a change with the full id and no key press.
          if (known(value) && (event.nativeEvent as InputEvent).inputType !== 'insertText') pick(value);
          else setDraft(value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && draft.trim()) {
            event.preventDefault();
            pick(draft.trim());
          }
        }}
        className={`${inputClass} w-72`}
      />
      <datalist id={listId}>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.hint}
          </option>
        ))}
      </datalist>
    </>
  );
}
