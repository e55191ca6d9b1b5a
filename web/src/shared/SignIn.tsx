import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError } from "./api.ts";
import { useApi } from "./api-context.tsx";
import { ME_KEY } from "./query.ts";
import { requestPageFocus } from "./router.tsx";
import { sharedStrings } from "./strings.ts";

const t = sharedStrings.signIn;

interface SignedIn {
  user: { id: string; username: string; role: string };
  csrfToken: string;
  expiresAt: string;
}

/** The sign-in form of every staff area: username and password for a session cookie. */
export function SignIn({ appName }: { appName: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const first = useRef<HTMLInputElement>(null);
  const signIn = useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.post<SignedIn>("/api/v1/auth/sign-in", body),
    onSuccess: async (signedIn) => {
      api.setCsrfToken(signedIn.csrfToken);
      requestPageFocus();
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });

  useEffect(() => {
    document.title = `${t.title} · ${appName}`;
    first.current?.focus();
  }, [appName]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username: username.trim(), password });
  };
  const error = signIn.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? t.wrong
      : error instanceof ApiError && error.status === 429
        ? t.tooMany
        : error
          ? sharedStrings.unexpected(error.message)
          : null;

  return (
    <main id="content" className="sign-in">
      <p className="brand">{appName}</p>
      <form onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">{t.title}</h1>
        <p>{t.intro}</p>
        <label htmlFor="sign-in-username">{t.username}</label>
        <input
          id="sign-in-username"
          ref={first}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="sign-in-password">{t.password}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {message && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending || !username || !password}>
          {signIn.isPending ? t.submitting : t.submit}
        </button>
      </form>
    </main>
  );
}
