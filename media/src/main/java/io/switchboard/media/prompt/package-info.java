/**
 * Voice prompts: the recorded clips in English, Russian and Ukrainian ({@link io.switchboard.media.prompt.Prompts}),
 * the spoken queue position and estimated wait ({@link io.switchboard.media.prompt.Announcements}), and the player
 * that sends clips to a caller's stream in real time ({@link io.switchboard.media.prompt.PromptPlayer}). See
 * {@code docs/prompts.md}.
 */
package io.switchboard.media.prompt;
