import type { IControl, Map as MapLibreMap } from 'maplibre-gl';
import { downloadBlob } from '../download.js';

/**
 * The map as a PNG image: the WebGL picture, read in the frame it is drawn (the canvas keeps no copy), with the
 * place names and route markers that are HTML over it painted on top, and a line saying where it comes from.
 */
export function mapPng(map: MapLibreMap): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const source = map.getCanvas();
      const ratio = source.width / source.clientWidth;
      const canvas = document.createElement('canvas');
      canvas.width = source.width;
      canvas.height = source.height;
      const context = canvas.getContext('2d');
      if (context === null) return reject(new Error('this browser cannot draw a 2D canvas'));
      context.drawImage(source, 0, 0);
      const origin = source.getBoundingClientRect();
      const font = getComputedStyle(document.body).fontFamily;
      context.scale(ratio, ratio);
      context.textBaseline = 'middle';
      for (const item of map.getContainer().querySelectorAll<HTMLElement>('.map-label:not([hidden]), .map-pin')) {
        const box = item.getBoundingClientRect();
        const style = getComputedStyle(item);
        const [x, y] = [box.left - origin.left, box.top - origin.top];
        if (item.classList.contains('map-pin')) {
          context.fillStyle = style.backgroundColor;
          context.beginPath();
          context.arc(x + box.width / 2, y + box.height / 2, box.width / 2, 0, 2 * Math.PI);
          context.fill();
          context.fillStyle = style.color;
          context.font = `700 ${style.fontSize} ${font}`;
          context.textAlign = 'center';
          context.fillText(item.textContent ?? '', x + box.width / 2, y + box.height / 2 + 0.5);
        } else {
          context.font = `${style.fontWeight} ${style.fontSize} ${font}`;
          context.textAlign = 'left';
          context.lineWidth = 3;
          context.strokeStyle = 'rgba(255,255,255,0.9)';
          context.strokeText(item.textContent ?? '', x + 2, y + box.height / 2);
          context.fillStyle = style.color;
          context.fillText(item.textContent ?? '', x + 2, y + box.height / 2);
        }
      }
      context.font = `11px ${font}`;
      context.fillStyle = '#5f6b7a';
      context.textAlign = 'left';
      context.fillText(`Caravan · ${location.href} · country outlines: Natural Earth`, 8, source.clientHeight - 10);
      canvas.toBlob((blob) => (blob === null ? reject(new Error('the map could not be encoded')) : resolve(blob)));
    });
    map.triggerRepaint();
  });
}

/** A button among the map's controls that downloads the map as it is shown. */
export function addExportControl(map: MapLibreMap): void {
  const control: IControl = {
    onAdd() {
      const group = document.createElement('div');
      group.className = 'maplibregl-ctrl maplibregl-ctrl-group';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'map-export-button';
      button.textContent = 'PNG';
      button.title = 'Download the map as a PNG image';
      button.setAttribute('aria-label', 'Download the map as a PNG image');
      button.addEventListener('click', () => {
        void mapPng(map).then((blob) => downloadBlob(blob, `caravan-map-${new Date().toISOString().slice(0, 10)}.png`));
      });
      group.append(button);
      return group;
    },
    onRemove() {},
  };
  map.addControl(control, 'top-right');
}
