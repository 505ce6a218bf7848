import { useState } from "react";
import { devToken } from "../client/api";

/** A JWT for the authenticated streams: pasted, or fetched from the Development token endpoint. */
export function TokenField({ token, onToken, subject }: { token: string; onToken: (token: string) => void; subject: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const fetchToken = async () => {
    try {
      setProblem(null);
      onToken(await devToken(subject));
    } catch (error) {
      setProblem(`No development token: ${(error as Error).message}. Paste a token instead.`);
    }
  };
  return (
    <div className="token">
      <label htmlFor="token">Token</label>
      <textarea id="token" rows={2} value={token} onChange={(e) => onToken(e.target.value.trim())} spellCheck={false} />
      <button type="button" onClick={() => void fetchToken()}>Get a development token for “{subject}”</button>
      {problem && <p role="alert" className="notice">{problem}</p>}
    </div>
  );
}
