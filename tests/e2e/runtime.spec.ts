import { test, expect, expectNoProblems, openPage, reloadPage } from './fixtures';

// The ML runtime on the built /device/ page: cross-origin isolation, the backend probe in the
// training worker, a real training run with falling loss, stop, and no console/CSP problems.
test.describe('ML runtime on /device/', () => {
  test.setTimeout(150_000);

  test('probes the backends, trains in the worker, stops', async ({ page, problems }) => {
    await openPage(page, '/device/');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('isolated')).toHaveText('yes');
    // WASM initialised with SIMD (its threaded build needs the pthread glue served from /tfjs/).
    await expect(page.getByTestId('wasm-features')).toHaveText(/^WASM: SIMD yes, \d+ threads?$/, { timeout: 90_000 });

    const choices = page.getByTestId('choices');
    await expect(choices).toBeVisible({ timeout: 90_000 });
    for (const kind of ['dense-training', 'conv-training', 'inference']) {
      const badge = choices.locator(`[data-kind="${kind}"]`);
      await expect(badge.locator('.pill')).toHaveText(/^(WebGPU|WebGL|WASM|CPU)$/);
      await expect(badge.locator('.why')).not.toBeEmpty();
    }
    // With src/lib/ml/wasm-kernels registered, WASM trains conv nets and measures fastest on this GPU-less machine.
    await expect(choices.locator('[data-kind="conv-training"]')).toHaveAttribute('data-backend', 'wasm');
    const denseReason = await choices.locator('[data-kind="dense-training"] .choice').innerText();
    console.log(`dense training: ${denseReason}`);

    // The probe figures are behind a disclosure.
    await choices.locator('[data-kind="dense-training"] summary').click();
    await expect(choices.locator('[data-kind="dense-training"] table')).toBeVisible();

    await page.getByRole('button', { name: 'Run the training test' }).click();
    const status = page.getByTestId('training-status');
    await expect(status).toContainText(/epoch \d+, batch \d+ of \d+/, { timeout: 30_000 });

    // The first backend's 2-second run finishes with a lower loss than it started with.
    const firstRow = page.getByTestId('speed-results').locator('tbody tr').first();
    await expect(firstRow).toBeVisible({ timeout: 60_000 });
    const first = Number(await firstRow.getByTestId('first-loss').innerText());
    const last = Number(await firstRow.getByTestId('last-loss').innerText());
    expect(first).toBeGreaterThan(0);
    expect(last).toBeLessThan(first);
    const rate = Number((await firstRow.locator('td').first().innerText()).replace(/,/g, ''));
    expect(rate).toBeGreaterThan(0);

    // Chromium always has at least WASM and CPU, so a second run is going: stop it mid-run.
    const stop = page.getByRole('button', { name: 'Stop' });
    await expect(stop).toBeEnabled();
    await stop.click();
    await expect(status).toHaveText('Stopped.', { timeout: 30_000 });
    await expect(stop).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Run the training test' })).toBeEnabled({ timeout: 30_000 });

    // A reload reuses the cached probe instead of measuring again.
    await reloadPage(page);
    await expect(page.getByText('Measured earlier in this browser')).toBeVisible({ timeout: 20_000 });
    expectNoProblems(problems);
  });

  test('?backend=cpu forces the CPU backend and says so', async ({ page, problems }) => {
    await openPage(page, '/device/?backend=cpu');
    const dense = page.getByTestId('choices').locator('[data-kind="dense-training"]');
    await expect(dense).toHaveAttribute('data-backend', 'cpu', { timeout: 90_000 });
    await expect(dense).toContainText('chosen with ?backend=cpu');
    expectNoProblems(problems);
  });
});
