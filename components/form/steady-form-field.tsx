// A FormField drawn again only when what it shows changes (its value, focus, label, placeholder),
// not on every key the form takes: a long form (the new-role builder, 30 fields) otherwise
// redraws every field for each character typed into one. Its onChange may be stale, so it must
// not depend on the form's state as drawn: a form's dispatch that reduces the state as it is
// then (useFormState's update) is safe.
import { memo } from 'react';
import { FormField, type FormFieldProps } from './form-field';

export const SteadyFormField = memo(
  FormField,
  (a: FormFieldProps, b: FormFieldProps) =>
    a.value === b.value &&
    a.focused === b.focused &&
    a.isActive === b.isActive &&
    a.label === b.label &&
    a.placeholder === b.placeholder &&
    a.labelWidth === b.labelWidth &&
    a.allow === b.allow &&
    a.maxLength === b.maxLength,
);
