//! NFTs: mint with a name, a description and an image chosen in the system's file
//! dialog (tauri-plugin-dialog, opened by the shell's `nft_image_pick`), then a card
//! with the name and the file's size; and the gallery of the default account's tokens
//! with their images from the local content store.
//!
//! The picked file's path stays in the shell: the webview gets its name, size and an
//! id, and `nft_mint_picked_plan` names the pick by that id. The engine reads the file,
//! bounded, and refuses it at confirmation if it changed size; paths typed in the chat
//! are still refused.

use sonic_types::{
    dto::{NftInfo, PickedImage},
    ipc::{NftImageArgs, NftImagePickArgs, NftListArgs, NftMintPickedPlanArgs},
};
use yew::prelude::*;

use crate::{
    components::{
        on_form,
        plan_card::{Finished, PlanCard},
        value_of, ErrorLine,
    },
    hooks::{use_command, use_planner},
    state::{use_desk, use_live, DeskAction, Slot},
};

/// The NFT page: its card, the mint form, the gallery.
#[function_component(Nfts)]
pub(crate) fn nfts() -> Html {
    let refresh = use_live().changes;
    let desk = use_desk();
    let list = use_command::<NftListArgs>();
    let planner = use_planner::<NftMintPickedPlanArgs>(Slot::Nfts);
    let pick = use_command::<NftImagePickArgs>();
    let notice = use_state(|| None::<String>);
    let name = use_state(String::new);
    let description = use_state(String::new);
    // The image picked for this form (cleared with "No image").
    let image = use_state(|| None::<PickedImage>);
    {
        let list = list.clone();
        use_effect_with(refresh, move |_| list.start(NftListArgs {}));
    }
    let on_done = {
        let (notice, desk, list) = (notice.clone(), desk.dispatcher(), list.clone());
        Callback::from(move |f: Finished| {
            notice.set(Some(f.line));
            desk.dispatch(DeskAction::Done(Slot::Nfts, f.id));
            list.start(NftListArgs {});
        })
    };
    let submit = {
        let (planner, notice, name, description, image) =
            (planner.clone(), notice.clone(), name.clone(), description.clone(), image.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            notice.set(None);
            let pick = image.as_ref().map(|i| i.id.clone());
            planner.plan(
                NftMintPickedPlanArgs { name: (*name).clone(), description: (*description).clone(), pick },
                || {},
            );
        })
    };
    let choose = {
        let (pick, image) = (pick.clone(), image.clone());
        Callback::from(move |_: MouseEvent| {
            let (pick, image) = (pick.clone(), image.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A cancelled dialog keeps the image chosen before.
                if let Ok(picked) = pick.run(NftImagePickArgs {}).await {
                    if let Some(p) = (*picked).clone() {
                        image.set(Some(p));
                    }
                }
            });
        })
    };
    let clear = {
        let image = image.clone();
        Callback::from(move |_: MouseEvent| image.set(None))
    };
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(value_of(&e)))
    };
    let gallery = match list.data() {
        None => html! {},
        Some(None) => {
            html! { <p id="nft-not-deployed">{ "The NFT contract is not deployed on this network yet." }</p> }
        }
        Some(Some(tokens)) if tokens.is_empty() => html! { <p class="muted" id="nft-empty">{ "No NFTs yet." }</p> },
        Some(Some(tokens)) => html! {
            <ul class="gallery" id="nft-gallery">
                { for tokens.iter().map(|t| html! { <Token key={t.token_id.to_string()} token={t.clone()} /> }) }
            </ul>
        },
    };
    html! {
        <div class="nfts">
            if let Some(p) = desk.card(Slot::Nfts).cloned() {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            if let Some(n) = &*notice { <p class="notice" id="nft-notice">{ n }</p> }
            <form class="card" id="nft-form" onsubmit={submit}>
                <h3>{ "Mint an NFT" }</h3>
                <label>{ "Name" }<input id="nft-name" value={(*name).clone()} oninput={input(&name)} /></label>
                <label>{ "Description" }<input id="nft-description" value={(*description).clone()} oninput={input(&description)} /></label>
                <div class="field">
                    <span>{ "Image" }</span>{ " " }
                    <button type="button" id="nft-image-choose" onclick={choose} disabled={pick.loading()}>{ "Choose image…" }</button>
                    if let Some(i) = &*image {
                        { " " }<span id="nft-image-picked">{ format!("{} ({} bytes)", i.name, i.size) }</span>
                        { " " }<button type="button" class="link" id="nft-image-clear" onclick={clear}>{ "No image" }</button>
                    } else {
                        { " " }<span class="muted">{ "none" }</span>
                    }
                </div>
                <ErrorLine error={on_form(pick.error())} />
                <ErrorLine error={on_form(planner.command().error())} />
                <ErrorLine error={planner.waiting()} />
                <button id="nft-review" class="primary" type="submit" disabled={planner.command().loading()}>{ "Review mint" }</button>
            </form>
            <div class="card">
                <h3>{ "Your NFTs" }</h3>
                { gallery }
                <ErrorLine error={on_form(list.error())} />
            </div>
        </div>
    }
}

/// Token properties.
#[derive(Properties, PartialEq)]
struct TokenProps {
    token: NftInfo,
}

/// One token of the gallery, its image asked from the local content store.
#[function_component(Token)]
fn token(p: &TokenProps) -> Html {
    let image = use_command::<NftImageArgs>();
    {
        let (image, cid) = (image.clone(), p.token.image_cid.clone());
        use_effect_with(cid, move |cid| {
            if let Some(cid) = cid {
                image.start(NftImageArgs { cid: cid.clone() });
            }
        });
    }
    let t = &p.token;
    let name = t.name.clone().unwrap_or_else(|| "(metadata not stored here)".into());
    html! {
        <li class="nft" id={format!("nft-{}", t.token_id)}>
            if let Some(Some(src)) = image.data() {
                <img class="nft-image" src={src.clone()} alt={name.clone()} />
            }
            <strong class="nft-name">{ name }</strong>
            <span class="muted">{ format!(" #{}", t.token_id) }</span>
            if let Some(d) = &t.description { <p class="nft-description">{ d }</p> }
            <p class="muted nft-uri">{ &t.token_uri }{ if t.pinned { "" } else { " (kept on this computer, not pinned yet)" } }</p>
        </li>
    }
}
