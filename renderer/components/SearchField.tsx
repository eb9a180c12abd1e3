import { useEffect, useRef, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import InputAdornment from '@mui/material/InputAdornment';
import SearchIcon from '@mui/icons-material/Search';

/**
 * The search box of a list. What is typed becomes the list's search when Enter is pressed or the box
 * is left, and at once when the box is emptied; `live` lists search with every keystroke instead.
 * `value` is the search the list shows now (from the address): a new one from outside replaces
 * what is in the box.
 */
export function SearchField({
  value,
  onCommit,
  live = false,
  icon = false,
  ...props
}: {
  value: string;
  onCommit: (search: string) => void;
  live?: boolean;
  /** A magnifier at the start of the box ('small': a smaller one). */
  icon?: boolean | 'small';
} & Omit<TextFieldProps, 'value' | 'onChange' | 'onKeyDown' | 'onBlur'>) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  const commit = (next: string) => {
    committed.current = next;
    onCommit(next);
  };
  const slotProps = props.slotProps ?? {};
  return (
    <TextField
      margin="none"
      size="small"
      {...props}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (live) commit(next);
        else if (next === '') commit('');
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit(text.trim());
        }
      }}
      onBlur={() => {
        if (!live) commit(text.trim());
      }}
      slotProps={
        icon
          ? {
              ...slotProps,
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon fontSize={icon === 'small' ? 'small' : 'medium'} />
                  </InputAdornment>
                ),
              },
            }
          : slotProps
      }
    />
  );
}
