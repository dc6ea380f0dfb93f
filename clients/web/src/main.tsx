import { render } from 'preact';
import { App } from './app';
import { start } from './state';
import './styles.css';

render(<App />, document.getElementById('app')!);
void start();
