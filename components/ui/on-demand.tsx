"use client";

import { Slot } from "radix-ui";
import * as React from "react";

type PropsOf<C> = C extends React.JSXElementConstructor<infer P> ? P & object : never;

type RootProps = {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  children?: React.ReactNode;
};

type TriggerProps = React.ComponentProps<"button"> & { asChild?: boolean };

type State<Parts> =
  | { loaded: true; parts: Parts }
  | { loaded: false; request: () => void; preload: () => void; popup: "menu" | "dialog" };

/**
 * Wraps an overlay primitive (menu, dialog, popover) so that its code, the Radix machinery in the
 * `parts` module, loads the first time someone reaches for it. Most page views open none, and
 * that machinery is the larger part of what a page would otherwise load up front.
 *
 * Until then a root renders its children with a stand-in trigger (the trigger's own element, with
 * the attributes Radix gives a closed trigger) and no content. Pointing at or focusing the trigger
 * starts the download; opening it (or the owner setting `open`) swaps in the real primitive,
 * open. Only that instance swaps: a focused trigger elsewhere is never replaced under the user.
 */
export function onDemand<Parts>(
  load: () => Promise<Parts>,
  { popup, opensOn }: { popup: "menu" | "dialog"; opensOn: "pointerdown" | "click" },
) {
  let loading: Promise<Parts> | null = null;
  // A failed download (network gone) is forgotten, so the next attempt tries again.
  const fetchParts = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
  // Only a head start: opening tries again and reports a failure.
  const preload = () => void fetchParts().catch(() => {});

  const Context = React.createContext<State<Parts> | null>(null);

  const component = <K extends keyof Parts>(parts: Parts, key: K) =>
    parts[key] as React.ComponentType<PropsOf<Parts[K]>>;

  function root<K extends keyof Parts>(key: K) {
    function Root(props: PropsOf<Parts[K]> & RootProps) {
      const [parts, setParts] = React.useState<Parts | null>(null);
      const [openOnLoad, setOpenOnLoad] = React.useState(false);
      const { open, defaultOpen, onOpenChange } = props;

      React.useEffect(() => {
        if ((open || defaultOpen) && !parts) void fetchParts().then(setParts);
      }, [open, defaultOpen, parts]);

      if (parts) {
        const Component = component(parts, key);
        const opened = openOnLoad && open === undefined ? { defaultOpen: true } : {};
        return (
          <Context.Provider value={{ loaded: true, parts }}>
            <Component {...props} {...opened} />
          </Context.Provider>
        );
      }
      const request = () => {
        if (open === undefined) setOpenOnLoad(true);
        else onOpenChange?.(true);
        void fetchParts().then(setParts);
      };
      return (
        <Context.Provider value={{ loaded: false, request, preload, popup }}>
          {props.children}
        </Context.Provider>
      );
    }
    return Root;
  }

  function trigger<K extends keyof Parts>(key: K) {
    function Trigger(props: PropsOf<Parts[K]>) {
      const state = React.useContext(Context);
      if (state?.loaded) {
        const Component = component(state.parts, key);
        return <Component {...props} />;
      }
      const { asChild, disabled, ...rest } = props as TriggerProps;
      const Element = asChild ? Slot.Root : "button";
      const request = () => !disabled && state?.request();
      const handlers =
        opensOn === "pointerdown"
          ? {
              // As Radix does: a menu opens on press (not release) of the main button, or from the
              // keyboard with Enter, Space or ArrowDown.
              onPointerDown: (event: React.PointerEvent<HTMLButtonElement>) => {
                rest.onPointerDown?.(event);
                if (event.button !== 0 || event.ctrlKey) return;
                event.preventDefault();
                request();
              },
              onKeyDown: (event: React.KeyboardEvent<HTMLButtonElement>) => {
                rest.onKeyDown?.(event);
                if (!["Enter", " ", "ArrowDown"].includes(event.key)) return;
                event.preventDefault();
                request();
              },
            }
          : {
              onClick: (event: React.MouseEvent<HTMLButtonElement>) => {
                rest.onClick?.(event);
                request();
              },
            };
      return (
        <Element
          type="button"
          aria-haspopup={state?.popup}
          aria-expanded={false}
          data-state="closed"
          disabled={disabled}
          {...rest}
          onPointerEnter={(event: React.PointerEvent<HTMLButtonElement>) => {
            rest.onPointerEnter?.(event);
            state?.preload();
          }}
          onFocus={(event: React.FocusEvent<HTMLButtonElement>) => {
            rest.onFocus?.(event);
            state?.preload();
          }}
          {...handlers}
        />
      );
    }
    return Trigger;
  }

  /** Anything that lives inside the open overlay: nothing to show before the parts are here. */
  function inner<K extends keyof Parts>(key: K) {
    function Inner(props: PropsOf<Parts[K]>) {
      const state = React.useContext(Context);
      if (!state?.loaded) return null;
      const Component = component(state.parts, key);
      return <Component {...props} />;
    }
    return Inner;
  }

  return { root, trigger, inner };
}
