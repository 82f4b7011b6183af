import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

/** One labelled choice among `options`, or all of them (""); applied as soon as it changes. */
export function FilterSelect({
  id,
  label,
  allLabel,
  options,
  value,
  className,
  onChange,
}: {
  id: string;
  label: string;
  allLabel: string;
  options: { value: string; label: string }[];
  value: string;
  className: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        className={className}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
