import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../shared/contract';
import { useContactUsers } from './lookups';

export type ContactUser = ChannelOutput<'assignments.users'>[number];

/** Users who can take responsibility for persons: enabled, not read-only. */
export function responsibleUsers(users: readonly ContactUser[] | undefined): ContactUser[] {
  return (users ?? []).filter((u) => !u.disabled && u.role !== 'viewer');
}

/** "网格员小李 · 网格员 · 负责 12 人" */
export function useUserLabel(): (u: ContactUser) => string {
  const { t } = useTranslation();
  return (u) => t('grids.userOption', { name: u.displayName, role: t(`role.${u.role}`), count: u.primaryCount });
}

/**
 * A select of the users who can be responsible for persons. `emptyLabel` adds a first choice with
 * the value '' (e.g. "不指定"); `exclude` leaves users out (the one a transfer starts from).
 */
export function UserSelect({
  value,
  onChange,
  label,
  emptyLabel,
  exclude = [],
  ...props
}: {
  value: string;
  onChange: (userId: string) => void;
  label: string;
  emptyLabel?: string;
  exclude?: readonly string[];
} & Omit<TextFieldProps, 'value' | 'onChange' | 'select' | 'label'>) {
  const users = useContactUsers();
  const userLabel = useUserLabel();
  const choices = responsibleUsers(users.data).filter((u) => !exclude.includes(u.id));
  // A user chosen before (now disabled) still shows by name rather than as an empty box.
  const known = value === '' || choices.some((u) => u.id === value);
  const missing = known ? null : (users.data ?? []).find((u) => u.id === value);
  return (
    <TextField
      {...props}
      select
      label={label}
      value={users.data ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      disabled={props.disabled || !users.data}
      // With an empty choice ("不限"), show it rather than a blank box.
      slotProps={emptyLabel !== undefined ? { select: { displayEmpty: true }, inputLabel: { shrink: true } } : undefined}
    >
      {emptyLabel !== undefined ? (
        <MenuItem value="">
          <em>{emptyLabel}</em>
        </MenuItem>
      ) : null}
      {missing ? <MenuItem value={missing.id}>{missing.displayName}</MenuItem> : null}
      {choices.map((u) => (
        <MenuItem key={u.id} value={u.id}>
          {userLabel(u)}
        </MenuItem>
      ))}
    </TextField>
  );
}
