#include "gui/layer_editor.h"

#include <QCoreApplication>
#include <QUndoCommand>
#include <QUndoStack>

namespace flowscope {

namespace {

/// One drag or typed value of one layer; the edit is already applied when it is pushed.
class LayerEditCommand : public QUndoCommand {
public:
    LayerEditCommand(int layer, LayerGeometry before, LayerGeometry after, LayerEditor::Send send)
        : m_layer(layer), m_before(std::move(before)), m_after(std::move(after)), m_send(std::move(send)) {
        setText(QCoreApplication::translate("LayerEditor", "change layer %1").arg(layer));
    }
    void redo() override {
        if (m_applied) {
            m_applied = false;  // push() calls redo() once; the drag already sent this
            return;
        }
        m_send({m_layer, m_after, /*finished=*/true}, false);
    }
    void undo() override { m_send({m_layer, m_before, /*finished=*/true}, false); }

private:
    int m_layer;
    LayerGeometry m_before, m_after;
    LayerEditor::Send m_send;
    bool m_applied = true;
};

}  // namespace

LayerEditor::LayerEditor(Send send, QObject* parent)
    : QObject(parent), m_send(std::move(send)), m_stack(new QUndoStack(this)) {}

void LayerEditor::beginDrag(int layer, const LayerGeometry& before) {
    m_dragLayer = layer;
    m_dragBefore = before;
}

void LayerEditor::drag(const LayerGeometry& geometry) {
    if (m_dragLayer > 0) m_send({m_dragLayer, geometry, /*finished=*/false}, true);
}

void LayerEditor::endDrag(const LayerGeometry& geometry) {
    if (m_dragLayer <= 0) return;
    const int layer = m_dragLayer;
    m_dragLayer = 0;
    m_send({layer, geometry, /*finished=*/true}, false);
    m_stack->push(new LayerEditCommand(layer, m_dragBefore, geometry, m_send));
}

void LayerEditor::edit(int layer, const LayerGeometry& before, const LayerGeometry& after) {
    m_send({layer, after, /*finished=*/true}, false);
    m_stack->push(new LayerEditCommand(layer, before, after, m_send));
}

void LayerEditor::clear() {
    m_dragLayer = 0;
    m_stack->clear();
}

}  // namespace flowscope
