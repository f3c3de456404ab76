"""The Kubernetes backend: Inspect's `inspect-k8s-sandbox` provider (`pip install 'agentbench[k8s]'`).

- `values`: a task's `SandboxSpec` -> the provider's Helm values, with our hardening.
- `registry`: build the `sandboxes/` images with Docker and push them to the user's registry.
- `prune`: uninstall the Helm releases a killed run left.
- `backend`: the table entry (`agentbench.sandbox.backends`).
Nothing here imports the provider or the kubernetes client until it is used.
"""
