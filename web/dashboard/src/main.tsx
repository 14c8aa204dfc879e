/**
 * The agents' dashboard — entry point, bundled by web/dashboard/build.ts into dashboard.js
 * (and styles.css into dashboard.css).
 */
import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
