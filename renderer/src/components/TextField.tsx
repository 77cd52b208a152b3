import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Control shown inside the field's right edge (e.g. show/hide password). */
  trailing?: ReactNode;
  invalid?: boolean;
  /** id of the element that describes the error, for aria-describedby. */
  errorId?: string;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, trailing, invalid = false, errorId, className, ...inputProps },
  ref,
) {
  const id = useId();
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className={`field__control${invalid ? ' field__control--invalid' : ''}`}>
        <input
          {...inputProps}
          ref={ref}
          id={id}
          className="field__input"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid && errorId ? errorId : undefined}
        />
        {trailing}
      </div>
    </div>
  );
});
