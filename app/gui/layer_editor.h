#pragma once
/// \file Manual mode's edits of planar and radial layers: drags, typed values, undo and redo.

#include "gui/flow2d_types.h"

#include <QObject>

#include <functional>

class QUndoStack;

namespace flowscope {

/// Turns the density view's handle drags and the layer table's typed values into edits for the
/// 2D worker, and keeps them on an undo stack (one entry per drag or typed value). `send`
/// delivers an edit: `coalesce` for a drag's moves (only the newest needs to arrive), otherwise
/// in order. The worker constrains every edit, so undo restores exactly the parameters before.
class LayerEditor : public QObject {
    Q_OBJECT
public:
    using Send = std::function<void(const Flow2DLayerEdit& edit, bool coalesce)>;
    LayerEditor(Send send, QObject* parent = nullptr);

    QUndoStack* undoStack() const { return m_stack; }

    /// A drag of layer `layer` (1…K) began; `before` is what the layer held.
    void beginDrag(int layer, const LayerGeometry& before);
    void drag(const LayerGeometry& geometry);
    /// The drag ended at `geometry`: applied and pushed as one undoable step.
    void endDrag(const LayerGeometry& geometry);
    bool dragging() const { return m_dragLayer > 0; }
    /// A typed value: layer `layer` goes from `before` to `after`, undoably.
    void edit(int layer, const LayerGeometry& before, const LayerGeometry& after);
    /// A new flow: the old edits no longer apply.
    void clear();

private:
    Send m_send;
    QUndoStack* m_stack;
    int m_dragLayer = 0;
    LayerGeometry m_dragBefore;
};

}  // namespace flowscope
