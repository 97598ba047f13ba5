export {select, selectAll, pointer} from "d3-selection";
export {zoom, zoomIdentity} from "d3-zoom";
